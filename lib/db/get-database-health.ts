import { db } from "./client";
import { checkDatabase, type TDatabaseHealth } from "./check-database";

/** Health of the configured database. */
export const getDatabaseHealth = (): Promise<TDatabaseHealth> => checkDatabase({ client: db });
