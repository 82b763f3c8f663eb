// The in-process callback dispatcher (without Inngest): claims due deliveries
// from PostgreSQL in batches (SKIP LOCKED, so several app instances share the
// work), sends them concurrently over keep-alive connections (at most
// CALLBACK_PER_ENDPOINT_CONCURRENCY per endpoint and CALLBACK_CONCURRENCY in
// all), and records finished attempts in batches, set-based. It polls when
// idle and is woken at once after a commit that created deliveries. The
// attempt code is the same as in the Inngest function's steps.
import { env } from "@/lib/env";
import { claimDueDeliveries } from "./claim-due-deliveries";
import { prepareAttempts, type TPrepared } from "./prepare-attempts";
import { recordAttempts, type TFinished } from "./record-attempts";
import { sendPrepared } from "./send-prepared";
import type { TCallbackTransport } from "./types";

type TSend = Extract<TPrepared, { kind: "send" }>;

export type TDispatcherOptions = {
  transport?: TCallbackTransport;
  concurrency?: number;
  perEndpointConcurrency?: number;
  /** Poll interval right after work, doubled while idle up to the maximum. */
  pollMinMs?: number;
  pollMaxMs?: number;
};

// A claim holds its rows this long; a crashed instance's rows are taken over after it.
const LEASE_MS = 5 * 60_000;
const CLAIM_BATCH = 200;
const RECORD_BATCH = 500;
// Claimed rows waiting per endpoint, beyond those in flight: enough to keep its slots busy between claims,
// few enough that a slow endpoint (timeouts) sends them well within the lease.
const QUEUED_PER_SLOT = 10;

type TDispatcher = {
  running: boolean;
  options: Required<Omit<TDispatcherOptions, "transport">> & { transport: TCallbackTransport };
  queue: Map<string, TSend[]>;
  queued: number;
  inFlight: number;
  inFlightByKey: Map<string, number>;
  finished: TFinished[];
  flushing: boolean;
  claiming: boolean;
  wakeRequested: boolean;
  moreDue: boolean;
  /** Endpoints whose last claim filled their share: more of theirs is probably due. */
  keysWithMore: Set<string>;
  pollMs: number;
  timer: NodeJS.Timeout | null;
  waiters: (() => void)[];
};

const holder = globalThis as { __callbackDispatcher?: TDispatcher };

const isIdle = (d: TDispatcher) => d.queued === 0 && d.inFlight === 0 && d.finished.length === 0 && !d.flushing && !d.claiming && !d.moreDue && !d.wakeRequested;
const settle = (d: TDispatcher) => {
  if (isIdle(d) || (!d.running && d.inFlight === 0 && !d.flushing && !d.claiming)) d.waiters.splice(0).forEach((resolve) => resolve());
};

const schedule = (d: TDispatcher, ms: number) => {
  if (!d.running) return;
  if (d.timer) clearTimeout(d.timer);
  d.timer = setTimeout(() => {
    d.timer = null;
    void tick(d);
  }, ms);
  d.timer.unref?.();
};

// Finished attempts wait this long to be recorded together (fewer transactions). It also yields to the event
// loop: on PGlite a query resolves without giving timers and sockets a turn, so back-to-back records would starve the sends.
const RECORD_GATHER_MS = 20;
const gather = (d: TDispatcher) => new Promise<void>((resolve) => (d.finished.length >= RECORD_BATCH ? setImmediate(resolve) : setTimeout(resolve, RECORD_GATHER_MS)));

const flush = async (d: TDispatcher): Promise<void> => {
  if (d.flushing) return;
  d.flushing = true;
  try {
    while (d.finished.length > 0) {
      await gather(d);
      const items = d.finished.splice(0, RECORD_BATCH);
      try {
        await recordAttempts({ items });
      } catch (error) {
        // Not recorded: the rows stay claimed until their lease passes, then they are sent again (receivers de-duplicate on webhook-id).
        console.error(`[callbacks] recording ${items.length} attempts failed:`, error instanceof Error ? error.message : error);
      }
    }
  } finally {
    d.flushing = false;
    settle(d);
  }
};

const perKeyQueue = (d: TDispatcher) => d.options.perEndpointConcurrency * QUEUED_PER_SLOT;

const slotsFor = (d: TDispatcher, key: string) => d.options.perEndpointConcurrency - (d.inFlightByKey.get(key) ?? 0);

const start = (d: TDispatcher, key: string, item: TSend) => {
  d.queued -= 1;
  // Too close to the lease's end to finish inside it: hand the row back rather than risk a second sender.
  const timeoutMs = d.options.transport.timeoutMs ?? env.CALLBACK_TIMEOUT_MS;
  if (item.claim.lease.getTime() - Date.now() < timeoutMs + 10_000) {
    d.finished.push({ kind: "release", claim: item.claim });
    return;
  }
  d.inFlight += 1;
  d.inFlightByKey.set(key, (d.inFlightByKey.get(key) ?? 0) + 1);
  sendPrepared({ prepared: item, transport: d.options.transport })
    .then(({ verdict, startedAt }) => void d.finished.push({ kind: "attempt", prepared: item, verdict, startedAt, trigger: "scheduled" }))
    .catch((error: unknown) => {
      console.error("[callbacks] an attempt failed unexpectedly:", error instanceof Error ? error.message : error);
      d.finished.push({ kind: "release", claim: item.claim });
    })
    .finally(() => {
      d.inFlight -= 1;
      const left = (d.inFlightByKey.get(key) ?? 1) - 1;
      if (left === 0) d.inFlightByKey.delete(key);
      else d.inFlightByKey.set(key, left);
      pump(d);
      void flush(d);
      // Room again and more is due: claim now rather than at the next poll. An endpoint whose queue ran below
      // half while more of its deliveries are due is refilled at once too, or its slots would idle until the poll.
      const low = (d.queue.get(key)?.length ?? 0) < perKeyQueue(d) / 2 && d.keysWithMore.has(key);
      if (d.moreDue && !d.claiming && (d.queued < d.options.concurrency || low)) void tick(d);
      settle(d);
    });
};

const pump = (d: TDispatcher) => {
  for (const [key, items] of d.queue) {
    while (items.length > 0 && d.inFlight < d.options.concurrency && slotsFor(d, key) > 0) start(d, key, items.shift()!);
    if (items.length === 0) d.queue.delete(key);
    if (d.inFlight >= d.options.concurrency) break;
  }
  if (d.finished.length > 0) void flush(d);
};

const tick = async (d: TDispatcher): Promise<void> => {
  if (!d.running) return;
  if (d.claiming) {
    d.wakeRequested = true;
    return;
  }
  d.claiming = true;
  d.wakeRequested = false;
  if (d.timer) {
    clearTimeout(d.timer);
    d.timer = null;
  }
  let next = d.pollMs;
  try {
    const perKey = perKeyQueue(d);
    const room = Math.min(CLAIM_BATCH, d.options.concurrency * QUEUED_PER_SLOT - d.queued - d.inFlight);
    const full = [...d.queue].filter(([key, items]) => !key.startsWith("url:") && items.length >= perKey / 2).map(([key]) => key);
    const claims = room > 0 ? await claimDueDeliveries({ limit: room, leaseMs: LEASE_MS, perKey, skipEndpointIds: full }) : [];
    const prepared = await prepareAttempts({ claims, now: new Date() });
    const claimedPerKey = new Map<string, number>();
    for (const p of prepared) {
      // Stopped while claiming: hand these back instead of starting them.
      if (!d.running) {
        d.finished.push({ kind: "release", claim: p.claim });
        continue;
      }
      if (p.kind === "skip") d.finished.push({ kind: "skip", prepared: p, trigger: "scheduled" });
      else if (p.kind === "failed") d.finished.push({ kind: "attempt", prepared: p, verdict: p.verdict, startedAt: new Date(), trigger: "scheduled" });
      else {
        claimedPerKey.set(p.concurrencyKey, (claimedPerKey.get(p.concurrencyKey) ?? 0) + 1);
        const items = d.queue.get(p.concurrencyKey) ?? [];
        items.push(p);
        d.queue.set(p.concurrencyKey, items);
        d.queued += 1;
      }
    }
    // Endpoints skipped for a full queue still have work due: that is not "idle", so no back-off.
    d.keysWithMore = new Set([...full, ...[...claimedPerKey].filter(([, n]) => n >= perKey).map(([key]) => key)]);
    d.moreDue = room > 0 ? claims.length === room || full.length > 0 : d.queued + d.inFlight > 0;
    pump(d);
    if (claims.length > 0 || full.length > 0) d.pollMs = d.options.pollMinMs;
    else if (!d.moreDue) d.pollMs = Math.min(d.options.pollMaxMs, d.pollMs * 2);
    // Claim again at once only when the batch size cut this claim short; otherwise completions refill (above).
    next = room > 0 && claims.length === room ? 0 : d.pollMs;
  } catch (error) {
    console.error("[callbacks] claiming due deliveries failed:", error instanceof Error ? error.message : error);
    d.moreDue = false;
    next = 1_000;
  } finally {
    d.claiming = false;
  }
  if (d.wakeRequested) next = 0;
  d.wakeRequested = false;
  schedule(d, next);
  settle(d);
};

/** Starts this process's dispatcher (once; a second call keeps the running one). */
export const startCallbackDispatcher = (options: TDispatcherOptions = {}): void => {
  if (holder.__callbackDispatcher?.running) return;
  const d: TDispatcher = {
    running: true,
    options: {
      transport: options.transport ?? {},
      concurrency: options.concurrency ?? env.CALLBACK_CONCURRENCY,
      perEndpointConcurrency: options.perEndpointConcurrency ?? env.CALLBACK_PER_ENDPOINT_CONCURRENCY,
      pollMinMs: options.pollMinMs ?? 250,
      pollMaxMs: options.pollMaxMs ?? 1_000,
    },
    queue: new Map(), queued: 0, inFlight: 0, inFlightByKey: new Map(), finished: [], flushing: false, claiming: false,
    wakeRequested: false, moreDue: true, keysWithMore: new Set(), pollMs: options.pollMinMs ?? 250, timer: null, waiters: [],
  };
  holder.__callbackDispatcher = d;
  void tick(d);
};

/** Claims due deliveries now instead of at the next poll (after a commit that created some). */
export const wakeCallbackDispatcher = (): void => {
  const d = holder.__callbackDispatcher;
  if (!d?.running) return;
  d.pollMs = d.options.pollMinMs;
  void tick(d);
};

/** Resolves once nothing is due, queued, in flight or waiting to be recorded (at once when the dispatcher is not running). */
export const whenCallbackDispatcherIdle = (): Promise<void> => {
  const d = holder.__callbackDispatcher;
  if (!d || (!d.running && d.inFlight === 0 && !d.flushing && !d.claiming)) return Promise.resolve();
  return new Promise((resolve) => {
    d.waiters.push(resolve);
    settle(d);
  });
};

/** Stops claiming, hands back what was claimed but not sent, and resolves once the attempts in flight are recorded. */
export const stopCallbackDispatcher = async (): Promise<void> => {
  const d = holder.__callbackDispatcher;
  if (!d) return;
  d.running = false;
  if (d.timer) clearTimeout(d.timer);
  d.timer = null;
  for (const items of d.queue.values()) for (const item of items) d.finished.push({ kind: "release", claim: item.claim });
  d.queue.clear();
  d.queued = 0;
  while (d.inFlight > 0 || d.flushing || d.claiming || d.finished.length > 0) {
    if (d.finished.length > 0 && !d.flushing) await flush(d);
    else await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (holder.__callbackDispatcher === d) holder.__callbackDispatcher = undefined;
  settle(d);
};
