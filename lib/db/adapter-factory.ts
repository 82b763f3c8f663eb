// Chooses the Prisma driver adapter from configuration: PostgreSQL when
// DATABASE_URL is set, embedded PGlite otherwise. Same schema, same code.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "@/lib/env";
import { getEmbeddedDatabase } from "./embedded-database";

/** Builds the driver adapter factory for the configured database. */
export const createAdapterFactory = (): PrismaPg | PrismaPGlite => {
  if (!env.DATABASE_URL) return new PrismaPGlite(getEmbeddedDatabase());
  return new PrismaPg({
    connectionString: env.DATABASE_URL,
    max: env.DATABASE_POOL_MAX,
    // Without it pg.Pool waits forever for a connection when the server is gone.
    connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS,
  });
};
