// Runs before each database test file: gives it its own fresh database with
// every migration applied. PGlite: in memory. PostgreSQL: a new database on
// the TEST_DATABASE_URL server, dropped afterwards.
import { afterAll } from "vitest";
import pg from "pg";

const serverUrl = process.env.TEST_DATABASE_URL;
let dropDatabase: (() => Promise<void>) | undefined;

if (process.env.TEST_DB_TARGET === "postgres") {
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is required for the db-postgres project");
  const name = `portal_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // Set before any test module imports lib/env, which reads it once.
  process.env.DATABASE_URL = url.toString();
  // lib/env requires it with DATABASE_URL.
  process.env.NEXTAUTH_URL ??= "http://localhost:3000";
  dropDatabase = async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  };
}

const { applyMigrations } = await import("@/lib/db/migrations/apply-migrations");
await applyMigrations();

afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db/client");
  const { closeEmbeddedDatabase } = await import("@/lib/db/embedded-database");
  await disconnectDb();
  await closeEmbeddedDatabase();
  await dropDatabase?.();
});
