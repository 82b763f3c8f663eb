// npm run bench:callbacks — callback delivery on PostgreSQL: BENCH_EVENTS
// events (default 20,000) emitted through the transactional outbox, fanned out
// to 2 endpoints on 2 local node:http receivers (each its own process), sent by
// the in-process dispatcher running here, as a worker would. Beside it, in the
// same run, a bare loop sends the same signed requests with undici straight to
// the same receivers. Prints the figures and writes e2e/bench/callbacks-report.md.
//
// BENCH_DATABASE_URL: a PostgreSQL server to use (default: a throwaway cluster
// via .ci/postgres.sh). BENCH_EVENTS (20000), BENCH_BATCH (events per
// transaction, 500), BENCH_PROFILE=1: CPU profile and per-statement database
// time of the portal run, in the report.
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import os from "node:os";
import pg from "pg";
import { Agent, fetch } from "undici";
import type { TNewEvent } from "@/lib/callbacks/events/emit-events";
import { startBenchDatabase } from "./start-bench-database";
import { summarizeProfiles } from "./summarize-profile";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const WARMUP_EVENTS = Math.min(500, EVENTS);
const PROFILE = process.env.BENCH_PROFILE === "1";
const RECEIVERS = 2;
const PER_ENDPOINT = 10;
// No receipt for this long while deliveries are missing: the rest counts as lost.
const STALL_MS = 60_000;
const cwd = process.cwd();
const log = (message: string) => console.log(`[bench:callbacks] ${message}`);
// Wall-clock milliseconds with sub-millisecond resolution, comparable across the processes of one machine.
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const database = await startBenchDatabase("portal_callbacks_bench");
const { databaseUrl, pgVersion } = database;
const receivers: ChildProcess[] = [];
process.on("exit", () => {
  for (const child of receivers) child.kill();
  database.stop();
});
process.on("SIGINT", () => process.exit(130));

const appEnv = {
  ...process.env,
  NODE_ENV: "production" as const,
  DATABASE_URL: databaseUrl,
  NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
  SECRETS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  NEXTAUTH_URL: "http://127.0.0.1:3320",
  // The receivers are on loopback, which the SSRF guard refuses unless exempted.
  OUTBOUND_ALLOWED_CIDRS: "127.0.0.0/8",
};
Object.assign(process.env, appEnv);
log(`database ${new URL(databaseUrl).pathname.slice(1)} on PostgreSQL ${pgVersion}`);
execFileSync("npx", ["tsx", "prisma/tools/migrate.mts"], { stdio: "inherit", env: appEnv });

// Per-statement database time (profile runs): the one Prisma client, created here with query events.
const statements = new Map<string, { count: number; ms: number }>();
if (PROFILE) {
  const { PrismaClient } = await import("@/lib/db/generated/client");
  const { createAdapterFactory } = await import("@/lib/db/adapter-factory");
  const client = new PrismaClient({ adapter: createAdapterFactory(), log: [{ emit: "event", level: "query" }] });
  client.$on("query", (e) => {
    const key = e.query.replace(/\s+/g, " ").replace(/\$\d+/g, "$").slice(0, 110);
    const entry = statements.get(key) ?? { count: 0, ms: 0 };
    entry.count += 1;
    entry.ms += e.duration;
    statements.set(key, entry);
  });
  (globalThis as { __prisma?: unknown }).__prisma = client;
}

const { signUp } = await import("@/lib/companies/sign-up");
const { createConnection } = await import("@/lib/integrations/create-connection");
const { insertTestEndpoint } = await import("@/lib/test/callback-endpoints");
const { emitEvents } = await import("@/lib/callbacks/events/emit-events");
const { buildCallbackHeaders } = await import("@/lib/callbacks/build-callback-headers");
const { db } = await import("@/lib/db/client");
const { env } = await import("@/lib/env");
const { startCallbackDispatcher, stopCallbackDispatcher, whenCallbackDispatcherIdle } = await import("@/lib/callbacks/deliver/start-callback-dispatcher");
const { kickCallbackDeliveries } = await import("@/lib/callbacks/deliver/kick-callback-deliveries");

// Receivers: one process each, so their parsing and verification do not run on the dispatcher's event loop.
type TStats = { unique: number; total: number; duplicates: number; badSignatures: number; sampled: number; sampleFailures: number };
type TReceiver = { url: (phase: string) => string; ask: (type: "stats" | "receipts", phase: string) => Promise<{ stats: TStats; receipts?: [string, number][] }> };
const startReceiver = async (secrets: Record<string, string>): Promise<TReceiver> => {
  const child = fork(`${cwd}/e2e/bench/callback-receiver.mts`, [JSON.stringify(secrets)], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  receivers.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m: { port: number }) => resolve(m.port));
    child.once("exit", (code) => reject(new Error(`receiver exited with ${code}`)));
  });
  // One question at a time per receiver, so each answer belongs to its question.
  let queue: Promise<unknown> = Promise.resolve();
  const ask: TReceiver["ask"] = (type, phase) => {
    const answer = queue.then(() => new Promise<{ stats: TStats; receipts?: [string, number][] }>((resolve) => {
      child.once("message", resolve);
      child.send({ type, phase });
    }));
    queue = answer;
    return answer;
  };
  return { url: (phase) => `http://127.0.0.1:${port}/${phase}`, ask };
};

const { companyId, userId } = await signUp({ companyName: "Callback Bench Haulage", name: "Bench", email: `callbacks-bench-${Date.now()}@example.com`, password: "bench password 123" });
const actor = { id: userId, companyId, role: "admin" as const };
const measured = await createConnection({ actor, name: "Callback bench", connector: "inbound-webhook" });
const warmup = await createConnection({ actor, name: "Callback bench warm-up", connector: "inbound-webhook" });

// Each receiver verifies with its endpoints' secrets (the measured one for the portal and bare phases), so
// its URL is set once it listens. The endpoints are paused until then: nothing is sent to the placeholder.
const receiverList: TReceiver[] = [];
const endpoints: { id: string; secret: string; receiver: TReceiver }[] = [];
for (let r = 0; r < RECEIVERS; r++) {
  const endpoint = await insertTestEndpoint({ companyId, connectionId: measured.connectionId, status: "paused" });
  const warmEndpoint = await insertTestEndpoint({ companyId, connectionId: warmup.connectionId, status: "paused" });
  const receiver = await startReceiver({ warmup: warmEndpoint.secret, portal: endpoint.secret, bare: endpoint.secret });
  await db.callbackEndpoint.update({ where: { id: endpoint.id }, data: { url: receiver.url("portal"), status: "active" } });
  await db.callbackEndpoint.update({ where: { id: warmEndpoint.id }, data: { url: receiver.url("warmup"), status: "active" } });
  receiverList.push(receiver);
  endpoints.push({ ...endpoint, receiver });
}

// plans.plan.created bodies as processing writes them (a plan with a pickup and a delivery leg): about 900 bytes each.
const planEvent = ({ connectionId, k }: { connectionId: string; k: number }): TNewEvent => {
  const externalPlanId = `TOUR-${String(k).padStart(6, "0")}`;
  const legs = [
    { seq: 0, kind: "pickup", lat: 48.1 + (k % 100) * 0.01, lng: 11.5, postalCode: "80331", country: "DE", placeName: "Muenchen", windowStart: "2026-07-02T08:00:00.000Z", windowEnd: "2026-07-02T12:00:00.000Z", loadState: "empty", goodsDescription: "Paletten", weightKg: 12_000 },
    { seq: 1, kind: "delivery", lat: 50.1, lng: 8.6 + (k % 100) * 0.01, postalCode: "60311", country: "DE", placeName: "Frankfurt am Main", windowStart: "2026-07-03T06:00:00.000Z", windowEnd: "2026-07-03T10:00:00.000Z", loadState: "loaded", goodsDescription: "Paletten", weightKg: 12_000 },
  ];
  return {
    companyId, connectionId, eventName: "plans.plan.created", objectId: externalPlanId, occurredAt: new Date(),
    data: { plan: { externalPlanId, externalUnitId: `TRK-${k % 1_000}`, status: "planned", sourceFetchedAt: null, legs, legCount: legs.length, messageId: null } },
    dedupeKey: `plans.plan.created:${companyId}:${connectionId}:${externalPlanId}`,
  };
};

/** Emits `count` events in transactions of BATCH, kicking the dispatcher after each commit; returns each event's commit time. */
const emit = async ({ connectionId, count }: { connectionId: string; count: number }) => {
  const committedAt = new Map<string, number>();
  let deliveries = 0;
  for (let start = 0; start < count; start += BATCH) {
    const events = Array.from({ length: Math.min(BATCH, count - start) }, (_, i) => planEvent({ connectionId, k: start + i }));
    const emitted = await db.$transaction((tx) => emitEvents({ tx, events }));
    const at = now();
    for (const id of emitted.eventIds) committedAt.set(id, at);
    deliveries += emitted.deliveryIds.length;
    await kickCallbackDeliveries();
  }
  return { committedAt, deliveries };
};

const uniqueReceived = async (phase: string) => (await Promise.all(receiverList.map((r) => r.ask("stats", phase)))).reduce((sum, a) => sum + a.stats.unique, 0);

/** Waits until `expected` distinct deliveries arrived at the receivers, or none arrived for STALL_MS. */
const waitForReceipts = async ({ phase, expected }: { phase: string; expected: number }) => {
  let seen = -1;
  let lastProgress = Date.now();
  for (;;) {
    const unique = await uniqueReceived(phase);
    if (unique >= expected) return;
    if (unique !== seen) {
      seen = unique;
      lastProgress = Date.now();
    } else if (Date.now() - lastProgress > STALL_MS) {
      log(`no receipt for ${STALL_MS / 1000} s with ${expected - unique} missing: stopping`);
      return;
    }
    await sleep(100);
  }
};

const percentile = (sorted: number[], q: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : "n/a");

// 0. Warm-up of both paths (JIT, connections, receivers), on its own connection: not measured.
startCallbackDispatcher();
log(`dispatcher: ${env.CALLBACK_CONCURRENCY} in flight in all, ${env.CALLBACK_PER_ENDPOINT_CONCURRENCY} per endpoint; database pool ${env.DATABASE_POOL_MAX}`);
const warm = await emit({ connectionId: warmup.connectionId, count: WARMUP_EVENTS });
await waitForReceipts({ phase: "warmup", expected: warm.deliveries });
await whenCallbackDispatcherIdle();
log(`warm-up: ${warm.deliveries} deliveries`);

// 1. The portal: emit through the outbox while the dispatcher delivers, until every delivery has arrived.
const session = PROFILE ? new Session() : null;
if (session) {
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
}
statements.clear();
log(`portal: ${EVENTS} events in transactions of ${BATCH} to ${RECEIVERS} endpoints`);
const portalStarted = now();
const portal = await emit({ connectionId: measured.connectionId, count: EVENTS });
const emittedIn = now() - portalStarted;
log(`emitted ${portal.committedAt.size} events, ${portal.deliveries} deliveries in ${(emittedIn / 1000).toFixed(1)} s`);
await waitForReceipts({ phase: "portal", expected: portal.deliveries });
await Promise.race([whenCallbackDispatcherIdle(), sleep(30_000)]);
const profileDir = `${cwd}/.bench-profile`;
if (session) {
  const { profile } = await session.post("Profiler.stop");
  mkdirSync(profileDir, { recursive: true });
  writeFileSync(`${profileDir}/callbacks-${Date.now()}.cpuprofile`, JSON.stringify(profile));
  session.disconnect();
}
await stopCallbackDispatcher();

const portalAnswers = await Promise.all(receiverList.map((r) => r.ask("receipts", "portal")));
const portalLatencies: number[] = [];
let lastPortalReceipt = portalStarted;
for (const answer of portalAnswers) {
  for (const [id, at] of answer.receipts ?? []) {
    const committed = portal.committedAt.get(id);
    if (committed !== undefined) portalLatencies.push(at - committed);
    lastPortalReceipt = Math.max(lastPortalReceipt, at);
  }
}
portalLatencies.sort((a, b) => a - b);
const portalStats = portalAnswers.map((a) => a.stats);
const portalUnique = portalStats.reduce((s, x) => s + x.unique, 0);
const portalSeconds = (lastPortalReceipt - portalStarted) / 1000;
const portalRate = portalUnique / portalSeconds;

const check = new pg.Client({ connectionString: databaseUrl });
await check.connect();
const { rows: [dbCheck] } = await check.query<{ deliveries: number; succeeded: number; one_attempt: number; attempt_rows: number; statuses: string }>(
  `SELECT count(*)::int AS deliveries,
          count(*) FILTER (WHERE d.status = 'succeeded')::int AS succeeded,
          count(*) FILTER (WHERE d.attempts = 1 AND (SELECT count(*) FROM callback_attempts a WHERE a.delivery_id = d.id) = 1)::int AS one_attempt,
          (SELECT count(*)::int FROM callback_attempts a JOIN callback_deliveries x ON x.id = a.delivery_id WHERE x.connection_id = $1) AS attempt_rows,
          (SELECT string_agg(status::text || ' ' || n, ', ') FROM (SELECT status, count(*) AS n FROM callback_deliveries WHERE connection_id = $1 GROUP BY status) s) AS statuses
   FROM callback_deliveries d WHERE d.connection_id = $1`, [measured.connectionId]);
const { rows: [attemptTimes] } = await check.query<{ p50: number; p99: number }>(
  `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY a.duration_ms) AS p50, percentile_disc(0.99) WITHIN GROUP (ORDER BY a.duration_ms) AS p99
   FROM callback_attempts a JOIN callback_deliveries d ON d.id = a.delivery_id WHERE d.connection_id = $1`, [measured.connectionId]);
const dbOk = dbCheck!.deliveries === portal.deliveries && dbCheck!.succeeded === portal.deliveries && dbCheck!.one_attempt === portal.deliveries && dbCheck!.attempt_rows === portal.deliveries;
log(`portal: ${portalUnique} delivered in ${portalSeconds.toFixed(1)} s = ${portalRate.toFixed(0)}/s; commit→receipt p50 ${ms(percentile(portalLatencies, 0.5))}, p99 ${ms(percentile(portalLatencies, 0.99))}`);
log(`database: ${dbCheck!.statuses}; ${dbCheck!.one_attempt} with exactly one attempt, ${dbCheck!.attempt_rows} attempt rows`);

// 2. Bare loop: the same deliveries (stored bodies, headers built by the same function, signed at send time),
// undici fetch + Agent, PER_ENDPOINT in flight per receiver, no database, no guard.
const { rows: work } = await check.query<{ id: string; event_id: string; event_name: string; endpoint_id: string; body: string }>(
  `SELECT d.id, d.event_id, d.event_name, d.endpoint_id, ev.body FROM callback_deliveries d JOIN callback_events ev ON ev.id = d.event_id
   WHERE d.connection_id = $1 ORDER BY ev.sequence, d.endpoint_id`, [measured.connectionId]);
await check.end();
const agent = new Agent({ connections: PER_ENDPOINT, keepAliveTimeout: 10_000 });
const bareLatencies: number[] = [];
let bareFailures = 0;
log(`bare loop: ${work.length} requests, ${PER_ENDPOINT} in flight per receiver`);
const bareStarted = now();
await Promise.all(endpoints.map(async (endpoint) => {
  const mine = work.filter((w) => w.endpoint_id === endpoint.id);
  const secrets = [{ kind: "whsec" as const, value: endpoint.secret }];
  const url = endpoint.receiver.url("bare");
  let next = 0;
  await Promise.all(Array.from({ length: PER_ENDPOINT }, async () => {
    while (next < mine.length) {
      const item = mine[next++]!;
      const sentAt = now();
      const headers = buildCallbackHeaders({ eventId: item.event_id, eventName: item.event_name, deliveryId: item.id, attempt: 1, body: item.body, secrets, now: new Date() });
      try {
        const response = await fetch(url, { method: "POST", headers, body: item.body, redirect: "manual", dispatcher: agent });
        await response.arrayBuffer();
        if (response.status < 200 || response.status >= 300) bareFailures += 1;
      } catch {
        bareFailures += 1;
      }
      bareLatencies.push(now() - sentAt);
    }
  }));
}));
const bareSeconds = (now() - bareStarted) / 1000;
await agent.close();
bareLatencies.sort((a, b) => a - b);
const bareStats = (await Promise.all(receiverList.map((r) => r.ask("stats", "bare")))).map((a) => a.stats);
const bareUnique = bareStats.reduce((s, x) => s + x.unique, 0);
const bareRate = bareUnique / bareSeconds;
log(`bare loop: ${bareUnique} delivered in ${bareSeconds.toFixed(1)} s = ${bareRate.toFixed(0)}/s; p50 ${ms(percentile(bareLatencies, 0.5))}, p99 ${ms(percentile(bareLatencies, 0.99))}`);

const ratio = portalRate / bareRate;
const lost = portal.deliveries - portalUnique;
const sum = (list: TStats[], key: keyof TStats) => list.reduce((s, x) => s + x[key], 0);
const duplicates = sum(portalStats, "duplicates");
const verdict = ratio >= 0.5 ? "met (target ≥ 50%)" : "NOT met (target ≥ 50%)";
const profile = PROFILE ? summarizeProfiles(profileDir, 25) : null;
const statementRows = [...statements.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)
  .map(([sql, s]) => `| \`${sql.replace(/\|/g, "\\|").replace(/`/g, "'")}\` | ${s.count} | ${(s.ms / 1000).toFixed(1)} s | ${(s.ms / s.count).toFixed(1)} ms |`).join("\n");

const report = `# Callback delivery benchmark

Run ${new Date().toISOString()} by \`npm run bench:callbacks\` on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pgVersion}.
${EVENTS} \`plans.plan.created\` events (about ${Math.round(work.reduce((s, w) => s + Buffer.byteLength(w.body), 0) / Math.max(1, work.length))} bytes of body each) emitted through the transactional outbox (\`emitEvents\`, ${BATCH} a transaction), fanned out to ${RECEIVERS} endpoints, each on its own local \`node:http\` receiver (one process each, on 127.0.0.1). Receivers verify every request's \`webhook-signature\` and \`x-betakom-signature\` with plain HMAC (\`createHmac\` + \`timingSafeEqual\`) and one request in 50 also with \`standardwebhooks\`' \`Webhook.verify\`; they answer 204.
Portal: the in-process dispatcher running in the benchmark process (as a worker would: lib/ imported directly), defaults: ${env.CALLBACK_CONCURRENCY} in flight, ${env.CALLBACK_PER_ENDPOINT_CONCURRENCY} per endpoint, database pool ${env.DATABASE_POOL_MAX}; emission runs while it delivers. Bare loop: the same ${work.length} deliveries (stored bodies, headers from \`buildCallbackHeaders\`, signed at send time), undici \`fetch\` + \`Agent\`, ${PER_ENDPOINT} in flight per receiver, no database. A warm-up of ${warm.deliveries} deliveries precedes both.

| Measure | Portal (outbox + dispatcher) | Bare undici loop | Ratio | Target |
| --- | --- | --- | --- | --- |
| Deliveries/s (portal: first transaction → last receipt; bare: first send → last answer) | ${portalRate.toFixed(0)} (${portalUnique} in ${portalSeconds.toFixed(1)} s) | ${bareRate.toFixed(0)} (${bareUnique} in ${bareSeconds.toFixed(1)} s) | ${(ratio * 100).toFixed(1)}% | ${verdict} |
| Latency p50 / p99 | commit → receipt: ${ms(percentile(portalLatencies, 0.5))} / ${ms(percentile(portalLatencies, 0.99))} | send → answer: ${ms(percentile(bareLatencies, 0.5))} / ${ms(percentile(bareLatencies, 0.99))} | | |
| One request, p50 / p99 (portal: recorded attempt duration) | ${attemptTimes!.p50} ms / ${attemptTimes!.p99} ms | ${ms(percentile(bareLatencies, 0.5))} / ${ms(percentile(bareLatencies, 0.99))} | | |

Emission: ${portal.committedAt.size} events and ${portal.deliveries} deliveries committed in ${(emittedIn / 1000).toFixed(1)} s (${(portal.committedAt.size / (emittedIn / 1000)).toFixed(0)} events/s), while the dispatcher was already sending. Commit → receipt therefore includes the wait behind the deliveries committed before it: with the whole backlog committed within the first seconds, p50 is roughly half the run.

**Lost: ${lost}** (expected ${portal.deliveries} − received distinct ${portalUnique}). **Duplicates: ${duplicates}** (the same webhook-id twice at the same receiver). Bad signatures: ${sum(portalStats, "badSignatures")} (portal), ${sum(bareStats, "badSignatures")} (bare); \`Webhook.verify\` on ${sum(portalStats, "sampled")} sampled portal requests: ${sum(portalStats, "sampleFailures")} failures. Bare-loop failures: ${bareFailures}; bare duplicates: ${sum(bareStats, "duplicates")}.
Database afterwards: ${dbCheck!.statuses}; ${dbCheck!.one_attempt} of ${dbCheck!.deliveries} deliveries \`succeeded\` with exactly one attempt row (${dbCheck!.attempt_rows} attempt rows): **${dbOk ? "as expected" : "NOT as expected"}**.
${profile ? `\n## Profile of the benchmark process during the portal run (dispatcher, emission, Prisma, pg)\n\n${profile}` : ""}${statementRows ? `\n## Database statements during the portal run (Prisma query events: time from send to result, overlapping)\n\n| Statement | Count | Total | Mean |\n| --- | --- | --- | --- |\n${statementRows}\n` : ""}${process.env.BENCH_NOTES ? `\n## What bounds the figures\n\n${process.env.BENCH_NOTES}\n` : ""}`;
writeFileSync(`${cwd}/e2e/bench/callbacks-report.md`, report);
console.log(`\n${report}`);
await db.$disconnect();
process.exit(lost === 0 && duplicates === 0 && dbOk ? 0 : 1);
