// npm run db:migrate — applies pending migrations to the configured database
// (DATABASE_URL, or the embedded PGlite folder).
import "./load-env.mts";

const { applyMigrations } = await import("@/lib/db/migrations/apply-migrations");
const { closeEmbeddedDatabase, embeddedDataDir } = await import("@/lib/db/embedded-database");
const { env } = await import("@/lib/env");

const target = env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite at ${embeddedDataDir()}`;
try {
  const applied = await applyMigrations();
  console.log(applied.length ? `Applied to ${target}:\n  ${applied.join("\n  ")}` : `${target} is up to date.`);
} finally {
  await closeEmbeddedDatabase();
}
