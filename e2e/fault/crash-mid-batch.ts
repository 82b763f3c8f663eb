// The SIGKILL case of issue 8's fault injection, for either database: a
// server processing a stream of signed envelopes is killed with SIGKILL while
// a batch is being processed, restarted on the same data, and the sender
// retries whatever got no 202. What must hold afterwards is what processing
// each message once leaves.
import { expect, type Browser } from "@playwright/test";
import { startAppServer, type TAppServer } from "./app-server";
import type { TDatabaseProbe } from "./database-probe";
import { buildEnvelopes, type TEnvelope, type TFix } from "./envelopes";
import { freePort } from "./free-port";
import { sendEnvelope, type TSendResult } from "./send-envelope";
import { countListedMessages, hasListedMessages, setUpConnection } from "./set-up-connection";

/**
 * How the test knows a batch is being processed, to kill the server right then:
 * - `database`: PostgreSQL can be read while the server runs: a message in `processing`.
 * - `stalled-event-loop`: embedded PGlite runs every statement on the server's one JavaScript thread,
 *   so a batch blocks it and no HTTP answer (not even a 202) is written meanwhile. A long batch (one
 *   big envelope, nothing else sent) is caught by /api/health not answering.
 */
export type TBatchWatch = { kind: "database"; open: () => Promise<TDatabaseProbe> } | { kind: "stalled-event-loop" };

export type TCrashBackend = {
  name: string;
  /** The server's database configuration (DATABASE_URL or DATA_DIR, secrets). */
  env: Record<string, string>;
  watch: TBatchWatch;
  /** Copies the database while the server is dead; the returned opener reads that copy, also while the server restarts. */
  captureCrashed: () => Promise<() => Promise<TDatabaseProbe>>;
  /** Opens the database after the server stopped for good. */
  probeFinal: () => Promise<TDatabaseProbe>;
};

export type TCrashFigures = {
  messagesSent: number;
  positionsSent: number;
  distinctFixes: number;
  acceptedBeforeKill: number;
  processedBeforeKill: number;
  unprocessedAtKill: number;
  /** Stored messages a run of the killed process had claimed (`processing`): their claim had to lapse before another run took them. */
  claimedAtKill: number;
  /** The big envelope's status when the process died. */
  bigEnvelopeAtKill: string;
  /** Claimed messages whose positions were already written (the kill came before their receipts): processing them again must still call those positions accepted. */
  claimedWithPositionsAtKill: number;
  inFlightAtKill: number;
  landedWithoutAnswer: number;
  notSentBeforeKill: number;
  /** Stored but not processed when the process died (202'd, or landed with the answer lost): the restart's recovery completed them. */
  recoveredAfterRestart: number;
  lost: number;
  storedTwice: number;
  maxAttempts: number;
  /** From the SIGKILL to every message processed: the lease, the restart, the sender's retries and the recovery. */
  secondsFromKillToAllProcessed: number;
};

const MESSAGES = 200;
const PER_MESSAGE = 50;
// One envelope this big keeps a batch busy for a while (about 0.8 s on PGlite here, more under load); 810 KB, under the 1 MiB limit.
const BIG_MESSAGE = 6_000;
const UNITS = 20;
const CONCURRENCY = 8;
// The watcher starts looking for a processed message after this many 202s (or once only the held-back envelopes are left).
const KILL_AFTER_ACCEPTED = 100;
const HOLD_BACK = 40;
const LEASE_SECONDS = 2;
// Longer than /api/health takes on an idle server under load, far shorter than the big envelope's batch.
const STALL_MS = 300;

type TAccepted = { messageId: string; status: "accepted" | "duplicate" };

const acceptedOf = (result: TSendResult | undefined): TAccepted | null =>
  result && result.status === 202 ? (result.body as TAccepted) : null;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const fixKey = (f: { unit: string; at: string }) => `${f.unit}@${f.at}`;

/** Resolves true once `check` is true, or false after `timeoutMs`. */
const until = async (check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(5);
  }
  return false;
};

/** Resolves once a /api/health request has gone unanswered for STALL_MS, or after `timeoutMs`. */
const untilStalled = async (baseURL: string, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answered = fetch(`${baseURL}/api/health`).then(() => true, () => true);
    if (!(await Promise.race([answered, sleep(STALL_MS).then(() => false)]))) return;
    await sleep(10);
  }
};

/** Runs the scenario and returns its figures; throws (fails the test) on any broken invariant. */
export const crashMidBatch = async ({ browser, backend }: { browser: Browser; backend: TCrashBackend }): Promise<TCrashFigures> => {
  const port = await freePort();
  const serverEnv = {
    ...backend.env,
    NEXTAUTH_URL: `http://localhost:${port}`,
    // Short recovery times, so the sweep that runs at start-up takes over what the killed process held.
    INGEST_RECOVER_AFTER_SECONDS: "1",
    INGEST_CLAIM_LEASE_SECONDS: String(LEASE_SECONDS),
    // One sender pushing a backlog as fast as it can: the per-connection rate limit is not under test here.
    INBOUND_RATE_LIMIT_PER_SECOND: "100000",
    INBOUND_RATE_LIMIT_BURST: "100000",
  };
  let server: TAppServer = await startAppServer({ port, env: serverEnv, name: `${backend.name}-1` });
  const setup = await setUpConnection({ browser, baseURL: server.baseURL, company: `Crash Haulage ${backend.name}` });
  const big = { ...buildEnvelopes({ messages: 1, perMessage: BIG_MESSAGE, units: UNITS, prefix: "CRASH-BIG" })[0]!, index: MESSAGES };
  const envelopes = [...buildEnvelopes({ messages: MESSAGES, perMessage: PER_MESSAGE, units: UNITS, prefix: "CRASH" }), big];
  const send = (e: TEnvelope) => sendEnvelope({ url: setup.inboundUrl, secret: setup.secret, body: e.body });

  // Phase 1: stream the envelopes, holding the last HOLD_BACK (the big one first) until the portal
  // lists a processed message; then SIGKILL the server while a batch is being processed.
  const order = [...envelopes.slice(0, MESSAGES - HOLD_BACK), big, ...envelopes.slice(MESSAGES - HOLD_BACK, MESSAGES)];
  const before = new Map<number, TSendResult>();
  let next = 0;
  let held = true;
  let killed = false;
  let atGate = 0;
  let openGate = () => {};
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  const sender = async () => {
    while (!killed && next < order.length) {
      if (held && next >= order.length - HOLD_BACK - 1) {
        atGate += 1;
        await gate;
        atGate -= 1;
      }
      if (killed || next >= order.length) return;
      const e = order[next++]!;
      before.set(e.index, await send(e));
    }
  };
  const senders = Promise.all(Array.from({ length: CONCURRENCY }, sender));
  const accepted = () => [...before.values()].filter((r) => acceptedOf(r)).length;
  await until(async () => (accepted() >= KILL_AFTER_ACCEPTED || next >= order.length - HOLD_BACK - 1) && (await hasListedMessages({ request: setup.page.request, connectionPath: setup.connectionPath, status: "processed" })), 60_000);
  if (backend.watch.kind === "database") {
    const live = await backend.watch.open();
    try {
      held = false;
      openGate();
      const inBatch = async (written: boolean) =>
        (await live.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbound_messages m WHERE m.status = 'processing'${written ? " AND EXISTS (SELECT 1 FROM positions p WHERE p.message_id = m.id)" : ""}`))[0]!.n > 0;
      // Best: after a batch wrote its positions, before its receipts (processing it again must not call them duplicates); else any claimed batch.
      if (!(await until(() => inBatch(true), 5_000))) await until(() => inBatch(false), 30_000);
    } finally {
      await live.close();
    }
  } else {
    // The big envelope alone (every other request answered), so that a stall can only be a batch.
    await until(async () => atGate === CONCURRENCY, 60_000);
    before.set(big.index, await send(big));
    next += 1;
    await untilStalled(server.baseURL, 15_000);
  }
  killed = true;
  await server.crash();
  const killedAt = Date.now();
  openGate();
  await senders;

  const unexpected = [...before.values()].filter((r) => r.status !== 202 && r.status !== "no_answer");
  expect(unexpected, "before the kill every answer was a 202").toEqual([]);
  const acceptedBefore = new Map<number, string>();
  for (const [index, r] of before) {
    const a = acceptedOf(r);
    if (a) {
      expect(a.status, "distinct bodies are never duplicates").toBe("accepted");
      acceptedBefore.set(index, a.messageId);
    }
  }
  const inFlight = [...before].filter(([, r]) => r.status === "no_answer").map(([i]) => i);
  const notSent = envelopes.filter((e) => !before.has(e.index)).map((e) => e.index);

  // What the crash left (how far processing got, which batch was cut off, which unanswered requests
  // had landed anyway), read from a copy while the server restarts on the original once the dead
  // process's claims have lapsed.
  const openCrashed = await backend.captureCrashed();
  const [crash, restarted] = await Promise.all([
    readCrashState({ openCrashed, acceptedBefore, bigIndex: big.index }),
    sleep(Math.max(0, killedAt + (LEASE_SECONDS + 0.5) * 1000 - Date.now())).then(() => startAppServer({ port, env: serverEnv, name: `${backend.name}-2` })),
  ]);
  server = restarted;
  expect(crash.processedBeforeKill, "the kill came after some messages were processed").toBeGreaterThan(0);
  expect(crash.claimedAtKill, "the kill came while a batch was being processed").toBeGreaterThan(0);
  // On PGlite nothing else was sent: the stalled thread was the big envelope's batch.
  if (backend.watch.kind === "stalled-event-loop") expect(crash.bigEnvelopeAtKill, "the big envelope's batch was cut off").toBe("processing");

  // Phase 2: the sender retries whatever got no answer, and what it had not sent yet.
  const messageIdOf = new Map(acceptedBefore);
  const retries = [...inFlight, ...notSent];
  const retrier = async () => {
    for (let index = retries.shift(); index !== undefined; index = retries.shift()) {
      const r = await send(envelopes[index]!);
      const a = acceptedOf(r);
      expect(a, `retry of envelope ${index} after the restart: ${JSON.stringify(r)}`).not.toBeNull();
      messageIdOf.set(index, a!.messageId);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, retrier));
  // A sender that repeats a message that did get its 202 gets the same message back, processed once.
  for (const index of [...acceptedBefore.keys()].slice(0, 3)) {
    const a = acceptedOf(await send(envelopes[index]!));
    expect(a).toEqual({ messageId: acceptedBefore.get(index), status: "duplicate" });
  }
  // Polled with the server-rendered page alone: on PGlite every render takes the thread processing needs.
  await expect(async () => {
    for (const status of ["received", "processing"] as const) {
      expect(await hasListedMessages({ request: setup.page.request, connectionPath: setup.connectionPath, status }), `${status} messages listed`).toBe(false);
    }
  }).toPass({ timeout: 60_000, intervals: [500] });
  const secondsFromKillToAllProcessed = (Date.now() - killedAt) / 1000;
  for (const status of ["received", "processing", "failed"] as const) {
    expect(await countListedMessages({ page: setup.page, connectionPath: setup.connectionPath, status }), `${status} messages`).toBe(0);
  }
  await setup.close();
  await server.stop();

  // The final state, read from the database itself.
  const db = await backend.probeFinal();
  try {
    return { ...(await checkFinalState({ db, envelopes, messageIdOf })), messagesSent: envelopes.length, positionsSent: envelopes.reduce((n, e) => n + e.fixes.length, 0),
      acceptedBeforeKill: acceptedBefore.size, ...crash, inFlightAtKill: inFlight.length, notSentBeforeKill: notSent.length, secondsFromKillToAllProcessed };
  } finally {
    await db.close();
  }
};

type TCrashState = Pick<TCrashFigures, "processedBeforeKill" | "unprocessedAtKill" | "claimedAtKill" | "bigEnvelopeAtKill" | "claimedWithPositionsAtKill" | "landedWithoutAnswer" | "recoveredAfterRestart">;

/** Reads the copy of the crashed database: every 202'd message must be in it, in whatever state. */
const readCrashState = async ({ openCrashed, acceptedBefore, bigIndex }: { openCrashed: () => Promise<TDatabaseProbe>; acceptedBefore: Map<number, string>; bigIndex: number }): Promise<TCrashState> => {
  const db = await openCrashed();
  try {
    const rows = await db.query<{ id: string; status: string }>(`SELECT id, status::text AS status FROM inbound_messages`);
    const statusOf = new Map(rows.map((r) => [r.id, r.status]));
    expect([...acceptedBefore.values()].filter((id) => !statusOf.has(id)), "every 202'd message was stored before its 202").toEqual([]);
    const processedBeforeKill = [...acceptedBefore.values()].filter((id) => statusOf.get(id) === "processed").length;
    const claimedWithPositions = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM inbound_messages m WHERE m.status = 'processing' AND EXISTS (SELECT 1 FROM positions p WHERE p.message_id = m.id)`,
    );
    return {
      processedBeforeKill,
      unprocessedAtKill: acceptedBefore.size - processedBeforeKill,
      claimedAtKill: rows.filter((r) => r.status === "processing").length,
      bigEnvelopeAtKill: statusOf.get(acceptedBefore.get(bigIndex) ?? "") ?? "not stored",
      claimedWithPositionsAtKill: claimedWithPositions[0]!.n,
      landedWithoutAnswer: rows.length - acceptedBefore.size,
      recoveredAfterRestart: rows.filter((r) => r.status !== "processed").length,
    };
  } finally {
    await db.close();
  }
};

type TPositionCounts = { received: number; accepted: number; dropped: number; duplicate: number; stale: number };
type TFinal = Pick<TCrashFigures, "distinctFixes" | "lost" | "storedTwice" | "maxAttempts">;

/** Compares the database with processing every envelope once: one message each, every distinct fix once, receipts, latest positions. */
const checkFinalState = async ({ db, envelopes, messageIdOf }: { db: TDatabaseProbe; envelopes: TEnvelope[]; messageIdOf: Map<number, string> }): Promise<TFinal> => {
  const messages = await db.query<{ id: string; status: string; attempts: number; counts: { positions: TPositionCounts }; dropped_total: number }>(
    `SELECT id, status::text AS status, attempts, counts, dropped_total FROM inbound_messages`,
  );
  const byId = new Map(messages.map((m) => [m.id, m]));
  const ids = envelopes.map((e) => messageIdOf.get(e.index)!);
  expect(new Set(ids).size, "one message per envelope").toBe(envelopes.length);
  expect(messages.length, "no message stored twice").toBe(envelopes.length);
  const notProcessed = ids.filter((id) => byId.get(id)?.status !== "processed");
  expect(notProcessed, "every 202'd message is processed").toEqual([]);

  // Positions: exactly the distinct fixes sent, each stored by a message that carried it.
  const expected = new Map<string, { fix: TFix; carriers: Set<string> }>();
  for (const e of envelopes) {
    for (const fix of e.fixes) {
      const entry = expected.get(fixKey(fix)) ?? { fix, carriers: new Set<string>() };
      entry.carriers.add(messageIdOf.get(e.index)!);
      expected.set(fixKey(fix), entry);
    }
  }
  const stored = await db.query<{ unit: string; at: Date; lat: number; lng: number; speed_kmh: number; heading_deg: number; message_id: string }>(
    `SELECT u.external_unit_id AS unit, p.at, p.lat, p.lng, p.speed_kmh, p.heading_deg, p.message_id FROM positions p JOIN units u ON u.id = p.unit_id`,
  );
  const storedFixes = stored.map((p) => ({ unit: p.unit, at: p.at.toISOString(), lat: p.lat, lng: p.lng, speedKmh: p.speed_kmh, headingDeg: p.heading_deg }));
  const sortFixes = (fixes: TFix[]) => fixes.map((f) => JSON.stringify([f.unit, f.at, f.lat, f.lng, f.speedKmh, f.headingDeg])).sort();
  expect(stored.length, "positions stored").toBe(expected.size);
  expect(sortFixes(storedFixes)).toEqual(sortFixes([...expected.values()].map((x) => x.fix)));
  const wrongOwner = stored.filter((p) => !expected.get(fixKey({ unit: p.unit, at: p.at.toISOString() }))?.carriers.has(p.message_id));
  expect(wrongOwner, "each fix is stored by a message that carried it").toEqual([]);

  // Receipts: every position accepted, except the deliberate repeats: one of each pair says duplicate.
  for (const e of envelopes) {
    const m = byId.get(messageIdOf.get(e.index)!)!;
    const c = m.counts.positions;
    expect({ envelope: e.index, received: c.received, dropped: c.dropped, stale: c.stale, total: c.accepted + c.duplicate, droppedTotal: m.dropped_total })
      .toEqual({ envelope: e.index, received: e.fixes.length, dropped: 0, stale: 0, total: e.fixes.length, droppedTotal: 0 });
    if (e.repeats) {
      const pair = [m, byId.get(messageIdOf.get(e.index - 1)!)!];
      expect(pair.reduce((n, x) => n + x.counts.positions.duplicate, 0), `duplicates in envelopes ${e.index - 1} and ${e.index}`).toBe(1);
    } else if (!envelopes[e.index + 1]?.repeats) {
      expect(c.duplicate, `duplicates in envelope ${e.index}`).toBe(0);
    }
  }
  const acceptedTotal = messages.reduce((n, m) => n + m.counts.positions.accepted, 0);
  expect(acceptedTotal, "positions accepted over all receipts").toBe(expected.size);

  // Each unit's latest position is its newest fix.
  const newest = new Map<string, TFix>();
  for (const { fix } of expected.values()) if (!newest.has(fix.unit) || fix.at > newest.get(fix.unit)!.at) newest.set(fix.unit, fix);
  const units = await db.query<{ unit: string; latest_at: Date; latest_lat: number; latest_lng: number }>(
    `SELECT external_unit_id AS unit, latest_at, latest_lat, latest_lng FROM units`,
  );
  expect(units.map((u) => ({ unit: u.unit, at: u.latest_at.toISOString(), lat: u.latest_lat, lng: u.latest_lng })).sort((a, b) => a.unit.localeCompare(b.unit)))
    .toEqual([...newest.values()].map((f) => ({ unit: f.unit, at: f.at, lat: f.lat, lng: f.lng })).sort((a, b) => a.unit.localeCompare(b.unit)));

  return { distinctFixes: expected.size, lost: notProcessed.length, storedTwice: messages.length - envelopes.length, maxAttempts: Math.max(...messages.map((m) => m.attempts)) };
};
