// A throwaway PostgreSQL database on the test server (TEST_DATABASE_URL), with
// the project's migrations applied by its own tool, dropped afterwards.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

export type TPostgresDatabase = { url: string; host: string; port: number; name: string; drop: () => Promise<void> };

const admin = async <T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** Creates a database on the server at `serverUrl` and runs `npm run db:migrate`'s tool against it. */
export const createPostgresDatabase = async ({ serverUrl, prefix }: { serverUrl: string; prefix: string }): Promise<TPostgresDatabase> => {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  await admin(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const drop = () => admin(serverUrl, async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
  try {
    const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
    // The env module requires both secrets whenever DATABASE_URL is set; the migration uses neither.
    await run(process.execPath, [tsx, "prisma/tools/migrate.mts"], {
      env: { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: randomBytes(32).toString("base64"), SECRETS_ENCRYPTION_KEY: randomBytes(32).toString("base64") },
    });
  } catch (error) {
    await drop();
    throw error;
  }
  const parsed = new URL(serverUrl);
  return { url, host: parsed.hostname, port: Number(parsed.port || 5432), name, drop };
};
