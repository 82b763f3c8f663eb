import { createHook } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { isSessionUserActive } from "@/lib/auth/is-session-user-active";
import { sha256Hex } from "@/lib/crypto/random-token";
import { db } from "@/lib/db/client";
import { isEmbeddedDatabase } from "@/lib/env";
import { createConnection } from "@/lib/integrations/create-connection";
import { landMessage } from "@/lib/ingest/front-door/land-message";
import { FLEET_CHANNEL, notifyListeners } from "@/lib/ingest/process/notify-listeners";
import { processMessage } from "@/lib/ingest/process/process-message";
import { addUser, createCompany } from "@/lib/test/factories";
import { removeUser } from "@/lib/users/remove-user";
import { countFleetSubscribers } from "./count-fleet-subscribers";
import { fleetEventStream } from "./fleet-event-stream";

const readEvents = (stream: ReadableStream<Uint8Array>) => {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let bytes = 0;
  let ended = false;
  // A read still waiting from an earlier call (a timeout does not cancel it).
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  const readChunk = async (left: number): Promise<"chunk" | "timeout" | "done"> => {
    pending ??= reader.read();
    let timeout: NodeJS.Timeout | undefined;
    const chunk = await Promise.race([pending, new Promise<null>((resolve) => (timeout = setTimeout(() => resolve(null), left)))]);
    // Cleared, so that counting the process's timers counts only the stream's.
    clearTimeout(timeout);
    if (chunk === null) return "timeout";
    pending = undefined;
    if (chunk.done) {
      ended = true;
      return "done";
    }
    bytes += chunk.value.byteLength;
    buffer += decoder.decode(chunk.value);
    return "chunk";
  };
  const next = async (name: string, timeoutMs = 5_000): Promise<unknown> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = new RegExp(`event: ${name}\\ndata: (.*)\\n\\n`).exec(buffer);
      if (match) {
        buffer = buffer.slice(match.index + match[0].length);
        return JSON.parse(match[1]!);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no "${name}" event; got: ${buffer}`);
      if ((await readChunk(left)) === "done") throw new Error("stream ended");
    }
  };
  /** Resolves true when the stream ends within the time (nothing else is expected meanwhile but heartbeats). */
  const ends = async (timeoutMs: number): Promise<boolean> => {
    const deadline = Date.now() + timeoutMs;
    while (!ended && Date.now() < deadline) await readChunk(deadline - Date.now());
    return ended;
  };
  return { next, ends, cancel: () => reader.cancel(), bytesRead: () => bytes, text: () => buffer };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const always = async () => true;
// The timers the stream module has started and not yet cleared (or, for a timeout, not yet fired):
// async hooks see every Timeout's creation and destruction, and the creator's stack names its module.
const streamTimers = new Set<number>();
createHook({
  init: (asyncId, type) => {
    if (type === "Timeout" && new Error().stack?.includes("fleet-event-stream.ts")) streamTimers.add(asyncId);
  },
  destroy: (asyncId) => void streamTimers.delete(asyncId),
}).enable();
/** Live stream timers, once destroy hooks (queued when a timer is cleared) have run. */
const liveStreamTimers = async () => {
  await sleep(50);
  return streamTimers.size;
};

// The first stream of the process starts the shared LISTEN; later ones only subscribe.
const warmUp = async (companyId: string) => {
  const controller = new AbortController();
  const stream = readEvents(fleetEventStream({ companyId, signal: controller.signal, stillAuthorized: always }));
  await stream.next("ready");
  controller.abort();
};

describe("live fleet stream", () => {
  // Counted per test, so that a failed test's open stream does not fail the next.
  beforeEach(() => streamTimers.clear());

  it("sends only the units a processed message moved, for that company only", async () => {
    const a = await createCompany("A");
    const b = await createCompany("B");
    const connection = await createConnection({ actor: a.admin, name: "Feed", connector: "inbound-webhook" });
    const controller = new AbortController();
    const streamA = readEvents(fleetEventStream({ companyId: a.companyId, signal: controller.signal, stillAuthorized: always }));
    const streamB = readEvents(fleetEventStream({ companyId: b.companyId, signal: controller.signal, stillAuthorized: always }));
    await streamA.next("ready");
    await streamB.next("ready");

    const body = Buffer.from(JSON.stringify({ positions: [{ externalUnitId: "LIVE-1", at: new Date().toISOString(), lat: 48, lng: 11, speedKmh: 42 }] }));
    const { messageId } = await landMessage({ companyId: a.companyId, connectionId: connection.connectionId, body, bodySha256: sha256Hex(body), idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun: false });
    const started = Date.now();
    await processMessage({ messageId, runStep: (_id, work) => work() });
    const units = (await streamA.next("units")) as { features: { properties: { externalUnitId: string; speedKmh: number } }[] };
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(units.features.map((f) => [f.properties.externalUnitId, f.properties.speedKmh])).toEqual([["LIVE-1", 42]]);
    expect(await streamA.next("changed")).toEqual({ messageIds: [messageId] });
    await expect(streamB.next("units", 1_500)).rejects.toThrow(/no "units" event/);
    controller.abort();
    expect(await streamA.ends(1_000)).toBe(true);
    expect(countFleetSubscribers({ companyId: a.companyId })).toBe(0);
    expect(countFleetSubscribers({ companyId: b.companyId })).toBe(0);
  });

  it("holds nothing for a client whose request was already aborted", async () => {
    const { companyId } = await createCompany();
    await warmUp(companyId);
    const controller = new AbortController();
    controller.abort();
    const stream = readEvents(fleetEventStream({ companyId, signal: controller.signal, stillAuthorized: always }));
    expect(await stream.ends(1_000)).toBe(true);
    expect(stream.bytesRead()).toBe(0);
    await sleep(100);
    expect(countFleetSubscribers({ companyId })).toBe(0);
    expect(await liveStreamTimers()).toBe(0);
  });

  it("unsubscribes a client that leaves while the subscription is being set up", async () => {
    const { companyId } = await createCompany();
    await warmUp(companyId);
    const controller = new AbortController();
    const stream = readEvents(fleetEventStream({ companyId, signal: controller.signal, stillAuthorized: always }));
    // start() is now awaiting subscribeToFleet.
    controller.abort();
    expect(await stream.ends(1_000)).toBe(true);
    await sleep(100);
    expect(countFleetSubscribers({ companyId })).toBe(0);
    expect(await liveStreamTimers()).toBe(0);
    // Nothing is listening: a notification now causes no query and no write.
    await notifyListeners({ companyId, messageIds: [randomUUID()] });
    await sleep(100);
    expect(countFleetSubscribers({ companyId })).toBe(0);
  });

  it("releases the subscription and timers when the reader cancels", async () => {
    const { companyId } = await createCompany();
    await warmUp(companyId);
    const stream = readEvents(fleetEventStream({ companyId, signal: new AbortController().signal, stillAuthorized: always }));
    await stream.next("ready");
    expect(countFleetSubscribers({ companyId })).toBe(1);
    // Heartbeat and session re-check.
    expect(await liveStreamTimers()).toBe(2);
    await stream.cancel();
    expect(countFleetSubscribers({ companyId })).toBe(0);
    expect(await liveStreamTimers()).toBe(0);
  });

  it("stops queuing for a client that does not read, then sends resync once it has caught up", async () => {
    const { companyId } = await createCompany();
    const highWaterMarkBytes = 1_024;
    const controller = new AbortController();
    const stream = readEvents(fleetEventStream({ companyId, signal: controller.signal, stillAuthorized: always, options: { coalesceMs: 10, highWaterMarkBytes } }));
    await stream.next("ready");
    const before = stream.bytesRead();
    // 40 flushes' worth of updates (about 150 bytes each) while nothing is read.
    for (let i = 0; i < 40; i++) {
      await notifyListeners({ companyId, messageIds: [randomUUID()] });
      await sleep(25);
    }
    await sleep(200);
    // Reading now drains the queue: what was queued is bounded by the high-water mark plus one update.
    await stream.next("resync");
    const queued = stream.bytesRead() - before;
    expect(queued).toBeLessThan(highWaterMarkBytes + 1_024);
    expect(queued).toBeGreaterThan(highWaterMarkBytes / 2);
    // After the resync, updates flow again.
    const messageId = randomUUID();
    await notifyListeners({ companyId, messageIds: [messageId] });
    expect(await stream.next("changed")).toEqual({ messageIds: [messageId] });
    controller.abort();
  });

  it("closes a removed user's stream within the re-check interval", async () => {
    const { admin, companyId } = await createCompany();
    const member = await addUser({ admin });
    const stillAuthorized = () => isSessionUserActive({ userId: member.id, companyId });
    const stream = readEvents(fleetEventStream({ companyId, signal: new AbortController().signal, stillAuthorized, options: { recheckMs: 200 } }));
    await stream.next("ready");
    // Still a member: the stream stays open across several re-checks.
    expect(await stream.ends(700)).toBe(false);
    await removeUser({ actor: admin, userId: member.id });
    const removedAt = Date.now();
    expect(await stream.ends(2_000)).toBe(true);
    expect(Date.now() - removedAt).toBeLessThan(1_000);
    expect(countFleetSubscribers({ companyId })).toBe(0);
    expect(await liveStreamTimers()).toBe(0);
  });

  it("closes the stream when the session cannot be re-checked (fails closed)", async () => {
    const { companyId } = await createCompany();
    const stillAuthorized = async () => {
      throw new Error("database unavailable");
    };
    const stream = readEvents(fleetEventStream({ companyId, signal: new AbortController().signal, stillAuthorized, options: { recheckMs: 100 } }));
    await stream.next("ready");
    expect(await stream.ends(1_000)).toBe(true);
    expect(countFleetSubscribers({ companyId })).toBe(0);
  });

  // The fault injection "the LISTEN connection dropped (the map resynchronises)".
  it.skipIf(isEmbeddedDatabase())("after the LISTEN connection is killed, sends resync only once listening again, and delivers what follows", async () => {
    const { companyId } = await createCompany();
    const stream = readEvents(fleetEventStream({ companyId, signal: new AbortController().signal, stillAuthorized: always, options: { coalesceMs: 10 } }));
    await stream.next("ready");
    const listenQuery = `LISTEN ${FLEET_CHANNEL}`;
    const listeningPids = async () =>
      (await db.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = ${listenQuery}`).map((r) => r.pid);
    const [pid] = await listeningPids();
    expect(pid).toBeDefined();

    await db.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
    await stream.next("resync", 10_000);
    // At the moment the client is told to reload, notifications are being heard again.
    const now = await listeningPids();
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(pid);

    const messageId = randomUUID();
    await notifyListeners({ companyId, messageIds: [messageId] });
    expect(await stream.next("changed")).toEqual({ messageIds: [messageId] });
    await stream.cancel();
  });
});
