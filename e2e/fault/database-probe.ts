// Reads the portal's database directly from the test process, to check what a
// fault left behind: an embedded PGlite folder (only while no server owns it)
// or a PostgreSQL database. Read-only use: SELECTs only.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export type TDatabaseProbe = { query: <T>(sql: string, params?: unknown[]) => Promise<T[]>; close: () => Promise<void> };

/** Opens a PGlite data folder that no process has open (after its server exited). */
export const openPgliteProbe = async (dataDir: string): Promise<TDatabaseProbe> => {
  const db = await PGlite.create(dataDir);
  return { query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows, close: () => db.close() };
};

/**
 * Copies a PGlite data folder no process has open; returns an opener of the copy (closing it removes
 * the copy). Looking at the copy runs PostgreSQL's crash recovery on it, not on the original, which
 * the restarted server must be the first to open; the two can run at the same time.
 */
export const capturePgliteFolder = async (dataDir: string): Promise<() => Promise<TDatabaseProbe>> => {
  const copy = await mkdtemp(path.join(tmpdir(), "fault-pglite-copy-"));
  await cp(dataDir, copy, { recursive: true });
  return async () => {
    const probe = await openPgliteProbe(copy);
    return { query: probe.query, close: async () => { await probe.close(); await rm(copy, { recursive: true, force: true }); } };
  };
};

/** Connects to a PostgreSQL database. */
export const openPostgresProbe = async (url: string): Promise<TDatabaseProbe> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return { query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[], close: () => client.end() };
};
