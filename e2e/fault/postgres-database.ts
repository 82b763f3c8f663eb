// A throwaway PostgreSQL database on the test server (TEST_DATABASE_URL), with
// the project's migrations applied by its own tool (or copied from a database
// that has them: the tool takes seconds, a template copy a fraction of one).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";

// The tool prints this once every migration is committed. It then lingers about 10 s before exiting
// (a pg pool left to its idle timeout), so it is stopped as soon as it has said so.
const MIGRATED = /^(Applied to .*:|.* is up to date\.)$/m;

/** Runs `npm run db:migrate`'s tool against `url`; resolves once it reports the migrations applied. */
const migrate = (url: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
    // The env module requires both secrets and the public URL whenever DATABASE_URL is set; the migration uses none of them.
    const child = spawn(process.execPath, [tsx, "prisma/tools/migrate.mts"], {
      env: { ...process.env, DATABASE_URL: url, NEXTAUTH_URL: "http://localhost:3000", NEXTAUTH_SECRET: randomBytes(32).toString("base64"), SECRETS_ENCRYPTION_KEY: randomBytes(32).toString("base64") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let done = false;
    const collect = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (!done && MIGRATED.test(output)) {
        done = true;
        child.kill("SIGTERM");
        resolve();
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("error", reject);
    child.once("exit", (code) => (done ? undefined : code === 0 ? resolve() : reject(new Error(`migrate.mts exited with ${code}:\n${output}`))));
  });

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

const location = (serverUrl: string) => {
  const parsed = new URL(serverUrl);
  return { host: parsed.hostname, port: Number(parsed.port || 5432) };
};

/** Creates a database on the server at `serverUrl`: a copy of the database `from`, or a new one that `npm run db:migrate`'s tool migrates. */
export const createPostgresDatabase = async ({ serverUrl, prefix, from }: { serverUrl: string; prefix: string; from?: string }): Promise<TPostgresDatabase> => {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  await admin(serverUrl, async (client) => {
    if (!from) return client.query(`CREATE DATABASE "${name}"`);
    // A copy needs the source without sessions: those of a process just killed take a moment to end.
    for (let attempt = 1; ; attempt++) {
      try {
        return await client.query(`CREATE DATABASE "${name}" TEMPLATE "${from}"`);
      } catch (error) {
        if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const drop = () => admin(serverUrl, async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
  if (from) return { ...location(serverUrl), url, name, drop };
  try {
    await migrate(url);
  } catch (error) {
    await drop();
    throw error;
  }
  return { ...location(serverUrl), url, name, drop };
};
