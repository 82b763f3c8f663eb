// A fresh database for a benchmark: on BENCH_DATABASE_URL's server, or on a
// throwaway cluster (.ci/postgres.sh) stopped when the process exits.
import { execFileSync } from "node:child_process";
import pg from "pg";

export const startBenchDatabase = async (prefix: string): Promise<{ databaseUrl: string; pgVersion: string; stop: () => void }> => {
  let cluster: string | null = null;
  const serverUrl = process.env.BENCH_DATABASE_URL ?? (() => {
    cluster = `/tmp/portal-bench-pg-${process.pid}`;
    return execFileSync("bash", [".ci/postgres.sh", "start", cluster], { encoding: "utf8" }).trim();
  })();
  const name = `${prefix}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const pgVersion = (await admin.query("SHOW server_version")).rows[0].server_version as string;
  await admin.end();
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const stop = () => {
    if (cluster) execFileSync("bash", [".ci/postgres.sh", "stop", cluster], { stdio: "inherit" });
    cluster = null;
  };
  return { databaseUrl, pgVersion, stop };
};
