// The SIGKILL case of issue 8's fault injection, for either database: a
// server processing a backlog of signed envelopes is killed with SIGKILL,
// restarted on the same data, and the sender retries whatever got no 202.
// What must hold afterwards is what processing each message once leaves.
import { expect, type Browser } from "@playwright/test";
import { startAppServer, type TAppServer } from "./app-server";
import type { TDatabaseProbe } from "./database-probe";
import { buildEnvelopes, type TEnvelope, type TFix } from "./envelopes";
import { freePort } from "./free-port";
import { sendEnvelope, type TSendResult } from "./send-envelope";
import { countListedMessages, setUpConnection } from "./set-up-connection";

export type TCrashBackend = {
  name: string;
  /** The server's database configuration (DATABASE_URL or DATA_DIR, secrets). */
  env: Record<string, string>;
  /** Opens the database while the server is dead (PGlite: a copy, so the restarted server recovers the original). */
  probeCrashed: () => Promise<TDatabaseProbe>;
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
  inFlightAtKill: number;
  landedWithoutAnswer: number;
  notSentBeforeKill: number;
  /** Stored but not processed when the process died (202'd, or landed with the answer lost): the restart's recovery completed them. */
  recoveredAfterRestart: number;
  lost: number;
  storedTwice: number;
  maxAttempts: number;
  recoverySeconds: number;
};

const MESSAGES = 200;
const PER_MESSAGE = 50;
const UNITS = 20;
const CONCURRENCY = 8;
// The kill waits for this many 202s and for the portal to list a processed message: mid-batch, not before or after.
const KILL_AFTER_ACCEPTED = 100;
const LEASE_SECONDS = 2;

type TAccepted = { messageId: string; status: "accepted" | "duplicate" };

const acceptedOf = (result: TSendResult | undefined): TAccepted | null =>
  result && result.status === 202 ? (result.body as TAccepted) : null;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const fixKey = (f: { unit: string; at: string }) => `${f.unit}@${f.at}`;

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
  const envelopes = buildEnvelopes({ messages: MESSAGES, perMessage: PER_MESSAGE, units: UNITS, prefix: "CRASH" });
  const send = (e: TEnvelope) => sendEnvelope({ url: setup.inboundUrl, secret: setup.secret, body: e.body });

  // Phase 1: push the envelopes; kill the server once processing is under way.
  const before = new Map<number, TSendResult>();
  let killed = false;
  let next = 0;
  const sender = async () => {
    while (!killed && next < envelopes.length) {
      const e = envelopes[next++]!;
      before.set(e.index, await send(e));
    }
  };
  let done = false;
  const sendingDone = Promise.all(Array.from({ length: CONCURRENCY }, sender)).then(() => void (done = true));
  const accepted = () => [...before.values()].filter((r) => acceptedOf(r)).length;
  while (!killed) {
    if (accepted() >= KILL_AFTER_ACCEPTED || done) {
      if ((await countListedMessages({ page: setup.page, connectionPath: setup.connectionPath, status: "processed" })) > 0) {
        killed = true;
        await server.crash();
        break;
      }
    }
    await sleep(20);
  }
  const killedAt = Date.now();
  await sendingDone;

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

  // What the crash left: how far processing got, and which unanswered requests had landed anyway.
  const crashed = await backend.probeCrashed();
  let processedBeforeKill: number;
  let landedWithoutAnswer: number;
  let claimedAtKill: number;
  let recoveredAfterRestart: number;
  try {
    const rows = await crashed.query<{ id: string; status: string }>(`SELECT id, status::text AS status FROM inbound_messages`);
    const statusOf = new Map(rows.map((r) => [r.id, r.status]));
    processedBeforeKill = [...acceptedBefore.values()].filter((id) => statusOf.get(id) === "processed").length;
    expect([...acceptedBefore.values()].every((id) => statusOf.has(id)), "every 202'd message was stored before its 202").toBe(true);
    landedWithoutAnswer = rows.length - acceptedBefore.size;
    claimedAtKill = rows.filter((r) => r.status === "processing").length;
    recoveredAfterRestart = rows.filter((r) => r.status !== "processed").length;
  } finally {
    await crashed.close();
  }
  const unprocessedAtKill = acceptedBefore.size - processedBeforeKill;
  expect(processedBeforeKill, "the kill came after some messages were processed").toBeGreaterThan(0);
  expect(unprocessedAtKill, "the kill came before every 202'd message was processed").toBeGreaterThan(0);

  // Phase 2: restart on the same data once the dead process's claims have lapsed, and retry as a sender would.
  await sleep(Math.max(0, killedAt + (LEASE_SECONDS + 0.5) * 1000 - Date.now()));
  const restartedAt = Date.now();
  server = await startAppServer({ port, env: serverEnv, name: `${backend.name}-2` });
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
  await expect(async () => {
    for (const status of ["received", "processing"] as const) {
      expect(await countListedMessages({ page: setup.page, connectionPath: setup.connectionPath, status }), `${status} messages`).toBe(0);
    }
  }).toPass({ timeout: 60_000, intervals: [250] });
  const recoverySeconds = (Date.now() - restartedAt) / 1000;
  expect(await countListedMessages({ page: setup.page, connectionPath: setup.connectionPath, status: "failed" }), "failed messages").toBe(0);
  await setup.close();
  await server.stop();

  // The final state, read from the database itself.
  const db = await backend.probeFinal();
  try {
    return { ...(await checkFinalState({ db, envelopes, messageIdOf })), messagesSent: MESSAGES, positionsSent: MESSAGES * PER_MESSAGE,
      acceptedBeforeKill: acceptedBefore.size, processedBeforeKill, unprocessedAtKill, claimedAtKill, inFlightAtKill: inFlight.length, landedWithoutAnswer,
      notSentBeforeKill: notSent.length, recoveredAfterRestart, recoverySeconds };
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
