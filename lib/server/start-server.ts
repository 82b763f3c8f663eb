// Server start-up: validate configuration (a bad variable stops start-up with
// its name), then, on the embedded database, apply pending migrations.
import { env, isEmbeddedDatabase } from "@/lib/env";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";
import { embeddedDataDir } from "@/lib/db/embedded-database";

/** Prepares this process to serve requests. */
export const startServer = async (): Promise<void> => {
  if (!isEmbeddedDatabase()) return;
  console.log(`[db] embedded PostgreSQL (PGlite) at ${embeddedDataDir()}; NODE_ENV=${env.NODE_ENV}`);
  const applied = await applyMigrations();
  if (applied.length > 0) console.log(`[db] applied migrations: ${applied.join(", ")}`);
};
