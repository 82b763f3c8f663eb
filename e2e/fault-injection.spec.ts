// Issue 8, fault injection against the built server: each test starts its own
// `next start` processes from the suite's build, with their own environment
// and database, so it can kill and restart them without touching the
// suite's server. Figures are printed for the README's reliability section.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "@playwright/test";
import { killAllAppServers } from "./fault/app-server";
import { crashMidBatch } from "./fault/crash-mid-batch";
import { landWithDatabaseDown } from "./fault/database-down-at-landing";
import { capturePgliteFolder, openPgliteProbe, openPostgresProbe } from "./fault/database-probe";
import { createPostgresDatabase, type TPostgresDatabase } from "./fault/postgres-database";

const serverUrl = process.env.TEST_DATABASE_URL;
const needsPostgres = "needs TEST_DATABASE_URL (a PostgreSQL server; set in CI by .ci/run)";

// Each case builds, kills and restarts servers: generous, as these are correctness checks, not timings (slow under load).
test.describe.configure({ timeout: 180_000 });

// Migrated once, then copied for each PostgreSQL test.
let migrated: Promise<TPostgresDatabase> | undefined;
const freshDatabase = async (prefix: string): Promise<TPostgresDatabase> => {
  migrated ??= createPostgresDatabase({ serverUrl: serverUrl!, prefix: "fault_migrated" });
  return createPostgresDatabase({ serverUrl: serverUrl!, prefix, from: (await migrated).name });
};

test.afterAll(async () => {
  await killAllAppServers();
  await (await migrated?.catch(() => undefined))?.drop();
});

test("SIGKILL mid-batch on the embedded database: after a restart every 202'd message is processed once", async ({ browser }) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), "fault-pglite-"));
  const pgliteDir = path.join(dataDir, "pglite");
  try {
    const figures = await crashMidBatch({
      browser,
      backend: {
        name: "pglite",
        env: { DATABASE_URL: "", PGLITE_DATA_DIR: "", DATA_DIR: dataDir },
        watch: { kind: "stalled-event-loop" },
        captureCrashed: () => capturePgliteFolder(pgliteDir),
        probeFinal: () => openPgliteProbe(pgliteDir),
      },
    });
    console.log(`[fault] SIGKILL mid-batch, embedded PGlite: ${JSON.stringify(figures)}`);
  } finally {
    await killAllAppServers();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("SIGKILL mid-batch on PostgreSQL: after a restart every 202'd message is processed once", async ({ browser }) => {
  test.skip(!serverUrl, needsPostgres);
  const database = await freshDatabase("fault_crash");
  try {
    const figures = await crashMidBatch({
      browser,
      backend: {
        name: "postgres",
        env: { DATABASE_URL: database.url, NEXTAUTH_SECRET: randomBytes(32).toString("base64"), SECRETS_ENCRYPTION_KEY: randomBytes(32).toString("base64") },
        watch: { kind: "database", open: () => openPostgresProbe(database.url) },
        captureCrashed: async () => {
          const copy = await createPostgresDatabase({ serverUrl: serverUrl!, prefix: "fault_crashed", from: database.name });
          return async () => {
            const probe = await openPostgresProbe(copy.url);
            return { query: probe.query, close: async () => { await probe.close(); await copy.drop(); } };
          };
        },
        probeFinal: () => openPostgresProbe(database.url),
      },
    });
    console.log(`[fault] SIGKILL mid-batch, PostgreSQL: ${JSON.stringify(figures)}`);
  } finally {
    await killAllAppServers();
    await database.drop();
  }
});

test("database unavailable at landing (PostgreSQL): 503 database_unavailable with Retry-After, nothing stored, the retry lands", async ({ browser }) => {
  test.skip(!serverUrl, needsPostgres);
  const database = await freshDatabase("fault_down");
  try {
    const figures = await landWithDatabaseDown({ browser, database });
    console.log(`[fault] database unavailable at landing, PostgreSQL: ${JSON.stringify(figures)}`);
  } finally {
    await killAllAppServers();
    await database.drop();
  }
});
