// npm run bench:ingest — measures the front door and end-to-end ingestion on
// PostgreSQL against two baselines on the same database and machine, prints
// the figures and writes them to e2e/bench/ingest-report.md.
//
// BENCH_DATABASE_URL: a PostgreSQL server to use (default: a throwaway cluster
// via .ci/postgres.sh). BENCH_DURATION (s, default 30), BENCH_CONNECTIONS (16),
// BENCH_SKIP_BUILD=1 to reuse .next.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import pg from "pg";
import { envelopeBody, POSITIONS_PER_MESSAGE, sign } from "./envelopes";
import { startBenchDatabase } from "./start-bench-database";
import { summarizeProfiles } from "./summarize-profile";

const DURATION = Number(process.env.BENCH_DURATION ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const PORT = 3300;
const BARE_PORT = 3301;
const cwd = process.cwd();
const log = (message: string) => console.log(`[bench] ${message}`);
const children: ChildProcess[] = [];
const database = await startBenchDatabase("portal_bench");
const { databaseUrl, pgVersion } = database;

// Children run in their own process group: a server's own children must stop too.
const stop = (child: ChildProcess) => {
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
};
process.on("exit", () => {
  for (const child of children) stop(child);
  database.stop();
});
process.on("SIGINT", () => process.exit(130));

const appEnv = {
  ...process.env,
  NODE_ENV: "production" as const,
  DATABASE_URL: databaseUrl,
  NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
  SECRETS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
};
Object.assign(process.env, appEnv);

log(`database ${new URL(databaseUrl).pathname.slice(1)} on PostgreSQL ${pgVersion}`);
execFileSync("npx", ["tsx", "prisma/tools/migrate.mts"], { stdio: "inherit", env: appEnv });
if (process.env.BENCH_SKIP_BUILD !== "1") execFileSync("npx", ["next", "build"], { stdio: "inherit", env: appEnv });

// Accounts and connections through the same domain code the portal uses.
const { signUp } = await import("@/lib/companies/sign-up");
const { createConnection } = await import("@/lib/integrations/create-connection");
const { updateConnectionSettings } = await import("@/lib/integrations/update-connection-settings");
const { disconnectDb } = await import("@/lib/db/client");
const { companyId, userId } = await signUp({ companyName: "Bench Haulage", name: "Bench", email: `bench-${Date.now()}@example.com`, password: "bench password 123" });
const actor = { id: userId, companyId, role: "admin" as const };
const ours = await createConnection({ actor, name: "Bench", connector: "inbound-webhook" });
const bare = await createConnection({ actor, name: "Bare baseline", connector: "inbound-webhook" });
await updateConnectionSettings({ actor, connectionId: ours.connectionId, changes: { rateLimitPerSecond: 100_000, rateLimitBurst: 1_000_000 } });
await disconnectDb();

const waitFor = async (url: string) => {
  for (let i = 0; i < 120; i++) {
    // Any HTTP answer means the server is up.
    if (await fetch(url).then(() => true, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not come up`);
};

const load = async ({ url, secret, offset }: { url: string; secret: string; offset: number }) => {
  let k = 0;
  const acknowledged: string[] = [];
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [{
      method: "POST",
      setupRequest: (request) => {
        const body = envelopeBody(k++, offset);
        return { ...request, body, headers: { "content-type": "application/json", "x-betakom-signature": sign(body, secret) } };
      },
      onResponse: (status: number, body: string) => {
        if (status === 202) acknowledged.push((JSON.parse(body) as { messageId: string }).messageId);
      },
    }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, ok: result["2xx"], other: result.non2xx + result.errors + result.timeouts, acknowledged };
};

// 1. Our server: front door, then processing until the backlog is empty.
log(`our server: next start on :${PORT}, ${CONNECTIONS} connections for ${DURATION} s`);
const profileFlags = process.env.BENCH_PROFILE === "1" ? ["--cpu-prof", "--cpu-prof-dir=.bench-profile"] : [];
const server = spawn(process.execPath, [...profileFlags, "node_modules/next/dist/bin/next", "start", "-p", String(PORT)], { env: appEnv, stdio: ["ignore", "inherit", "inherit"], detached: true });
children.push(server);
await waitFor(`http://127.0.0.1:${PORT}/api/health`);
const oursUrl = `http://127.0.0.1:${PORT}/api/v1/carriers-module/my-company/integrations/inbound/inbound-webhook/${ours.token}`;
const front = await load({ url: oursUrl, secret: ours.secret, offset: 0 });
log(`front door: ${front.rps.toFixed(0)} req/s, p50 ${front.p50} ms, p99 ${front.p99} ms, ${front.ok} accepted, ${front.other} other`);

const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const backlogDeadline = Date.now() + 15 * 60_000;
for (;;) {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM inbound_messages WHERE connection_id = $1 AND status IN ('received', 'processing')`, [ours.connectionId]);
  if (rows[0].n === 0 || Date.now() > backlogDeadline) break;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
const { rows: [summary] } = await db.query(
  `SELECT count(*)::int AS messages, count(*) FILTER (WHERE status = 'processed')::int AS processed, count(*) FILTER (WHERE status = 'failed')::int AS failed,
          extract(epoch FROM max(processed_at) - min(received_at)) AS seconds, coalesce(sum(accepted_total), 0)::int AS accepted
   FROM inbound_messages WHERE connection_id = $1`, [ours.connectionId]);
const { rows: [stored] } = await db.query(`SELECT count(*)::int AS n FROM positions WHERE company_id = $1`, [companyId]);
const { rows: [missing] } = await db.query(`SELECT count(*)::int AS n FROM unnest($1::text[]) AS a(id) WHERE NOT EXISTS (SELECT 1 FROM inbound_messages m WHERE m.id = a.id AND m.status = 'processed')`, [front.acknowledged]);
stop(server);
const endToEnd = stored.n / Number(summary.seconds);
// Lost: acknowledged with a 202 but not stored and processed. Every envelope carries distinct positions.
const lostMessages = missing.n;
const lostPositions = Math.max(0, summary.messages * POSITIONS_PER_MESSAGE - stored.n);
log(`end to end: ${summary.processed} processed, ${summary.failed} failed, ${stored.n} positions in ${Number(summary.seconds).toFixed(1)} s = ${endToEnd.toFixed(0)} positions/s`);

// 2. Baseline: bare node:http server, HMAC + the same landing insert.
const bareServer = spawn("npx", ["tsx", "e2e/bench/bare-server.mts", String(BARE_PORT), databaseUrl, bare.secret, companyId, bare.connectionId], { env: appEnv, stdio: ["ignore", "inherit", "inherit"], detached: true });
children.push(bareServer);
await waitFor(`http://127.0.0.1:${BARE_PORT}/`);
const baseline = await load({ url: `http://127.0.0.1:${BARE_PORT}/`, secret: bare.secret, offset: 10_000_000 });
stop(bareServer);
log(`bare server: ${baseline.rps.toFixed(0)} req/s, p50 ${baseline.p50} ms, p99 ${baseline.p99} ms`);

// 3. Baseline: bare multi-row inserts of the same positions (100 rows a statement, one connection).
await db.query(`CREATE TABLE bench_positions (LIKE positions INCLUDING ALL)`);
const batches = Math.max(1, Math.min(front.ok, 3_000));
const started = performance.now();
for (let k = 0; k < batches; k++) {
  const positions = (JSON.parse(envelopeBody(k, 20_000_000)) as { positions: { externalUnitId: string; at: string; lat: number; lng: number; speedKmh: number; headingDeg: number; isMoving: boolean }[] }).positions;
  await db.query(
    `INSERT INTO bench_positions (company_id, unit_id, at, lat, lng, speed_kmh, heading_deg, is_moving, message_id)
     SELECT $1, u, a::timestamptz, la, ln, s, h, m, $2 FROM unnest($3::text[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::boolean[]) AS v(u, a, la, ln, s, h, m)`,
    [companyId, `bench-${k}`, positions.map((p) => p.externalUnitId), positions.map((p) => p.at), positions.map((p) => p.lat), positions.map((p) => p.lng), positions.map((p) => p.speedKmh), positions.map((p) => p.headingDeg), positions.map((p) => p.isMoving)],
  );
}
const bareInsert = (batches * POSITIONS_PER_MESSAGE) / ((performance.now() - started) / 1000);
await db.end();
log(`bare insert: ${bareInsert.toFixed(0)} rows/s`);

const frontRatio = front.rps / baseline.rps;
const e2eRatio = endToEnd / bareInsert;
const verdict = (ratio: number, target: number) => (ratio >= target ? `met (target ≥ ${target * 100}%)` : `NOT met (target ≥ ${target * 100}%)`);
await new Promise((resolve) => setTimeout(resolve, 3_000)); // the server writes its profile as it exits
const profile = process.env.BENCH_PROFILE === "1" ? summarizeProfiles(`${cwd}/.bench-profile`) : null;
const report = `# Ingestion benchmark

Run ${new Date().toISOString()} by \`npm run bench:ingest\` on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pgVersion}.
Load: autocannon, ${CONNECTIONS} connections, ${DURATION} s, signed envelopes of ${POSITIONS_PER_MESSAGE} positions over 1,000 units, generated and signed in the load generator (same machine). Processing: in-process (no Inngest), concurrency ${process.env.INGEST_CONCURRENCY ?? 2}.

| Measure | Ours | Baseline | Ratio | Target |
| --- | --- | --- | --- | --- |
| Front door requests/s | ${front.rps.toFixed(0)} (p50 ${front.p50} ms, p99 ${front.p99} ms) | bare node:http + HMAC + landing insert: ${baseline.rps.toFixed(0)} (p50 ${baseline.p50} ms, p99 ${baseline.p99} ms) | ${(frontRatio * 100).toFixed(0)}% | ${verdict(frontRatio, 0.6)} |
| End-to-end positions/s (first request → last processed) | ${endToEnd.toFixed(0)} | bare multi-row insert (100 rows/statement, 1 connection): ${bareInsert.toFixed(0)} rows/s | ${(e2eRatio * 100).toFixed(0)}% | ${verdict(e2eRatio, 0.5)} |

Acknowledged with 202: ${front.acknowledged.length} messages; other answers: ${front.other}. Stored: ${summary.messages} messages (${summary.processed} processed, ${summary.failed} failed; requests cut off when the load stopped can land without their 202 being counted), ${stored.n} positions.
**Lost: ${lostMessages} messages, ${lostPositions} positions.**
${profile ? `\n## Profile of our server during the run (front door and processing)\n\n${profile}` : ""}
${process.env.BENCH_NOTES ? `\n## What bounds the figures\n\n${process.env.BENCH_NOTES}\n` : ""}`;
writeFileSync(`${cwd}/e2e/bench/ingest-report.md`, report);
console.log(`\n${report}`);
process.exit(lostMessages === 0 && lostPositions === 0 ? 0 : 1);
