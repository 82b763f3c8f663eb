// Without Inngest, messages are processed in this process: a queue with
// bounded concurrency (so a burst cannot exhaust the database pool) that
// takes what is waiting in batches of up to 50, one statement per stage for
// the whole batch. The queue is fair between companies: a batch takes from
// each waiting company in turn, so one company's backlog cannot delay
// another's messages. A batch that fails is split in halves (one bad message
// cannot push 49 others into the slow path); a single message gets a few
// attempts with back-off before it is marked failed. A message waiting for
// its next attempt is queued again after the back-off, so it never holds one
// of the few processing slots while it waits.
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";
import { processMessages } from "@/lib/ingest/process/process-messages";
import { recordFailure } from "@/lib/ingest/process/record-failure";
import { takeRoundRobin } from "./take-round-robin";

const MAX_ATTEMPTS = 3;
const BATCH_SIZE = 50;
// A batch waits this long to fill up: bigger batches cost less CPU per message,
// which leaves more of the process's one thread to the front door.
const GATHER_MS = 100;
const BACKOFF_MS = [1_000, 5_000];
const direct = <T>(_id: string, work: () => Promise<T>) => work();

type TQueue = {
  byCompany: Map<string, string[]>;
  companyOf: Map<string, string>;
  attempts: Map<string, number>;
  size: number;
  queued: Set<string>;
  running: number;
  /** Messages waiting out a back-off before their next attempt. */
  delayed: number;
  idle: (() => void)[];
  gather?: NodeJS.Timeout;
};
const holder = globalThis as { __ingestQueueFair?: TQueue };
const queue: TQueue = (holder.__ingestQueueFair ??= { byCompany: new Map(), companyOf: new Map(), attempts: new Map(), size: 0, queued: new Set(), running: 0, delayed: 0, idle: [] });

const isIdle = () => queue.running === 0 && queue.size === 0 && queue.delayed === 0;
const settleIdle = () => {
  if (isIdle()) queue.idle.splice(0).forEach((resolve) => resolve());
};

const runOnce = async (messageId: string) => {
  const attempt = (queue.attempts.get(messageId) ?? 0) + 1;
  // Each attempt is its own claim, released on failure so the next attempt can take it.
  const claimToken = randomUUID();
  try {
    await processMessages({ messageIds: [messageId], runStep: direct, claimToken });
    queue.attempts.delete(messageId);
  } catch (error) {
    const final = attempt >= MAX_ATTEMPTS;
    await recordFailure({ messageId, claimToken, error, final }).catch((e) => console.error("[ingest] could not record failure", e));
    if (final) {
      queue.attempts.delete(messageId);
      return;
    }
    queue.attempts.set(messageId, attempt);
    const companyId = queue.companyOf.get(messageId)!;
    queue.delayed += 1;
    setTimeout(() => {
      queue.delayed -= 1;
      enqueueInProcess({ messageId, companyId });
      settleIdle();
    }, BACKOFF_MS[attempt - 1] ?? 5_000);
  }
};

const runBatch = async (messageIds: string[]): Promise<void> => {
  if (messageIds.length === 1) return runOnce(messageIds[0]!);
  const claimToken = randomUUID();
  try {
    await processMessages({ messageIds, runStep: direct, claimToken });
    return;
  } catch (error) {
    console.error(`[ingest] a batch of ${messageIds.length} failed; splitting it:`, error instanceof Error ? error.message : error);
    // Release this batch's claims (not counted as an attempt of any one message) before the halves claim again.
    await Promise.all(messageIds.map((messageId) => recordFailure({ messageId, claimToken, error, final: false }))).catch(() => undefined);
  }
  const half = Math.ceil(messageIds.length / 2);
  await runBatch(messageIds.slice(0, half));
  await runBatch(messageIds.slice(half));
};

const pump = () => {
  if (queue.size > 0 && queue.size < BATCH_SIZE && !queue.gather) {
    queue.gather = setTimeout(() => {
      queue.gather = undefined;
      drain();
    }, GATHER_MS);
    return;
  }
  if (queue.size >= BATCH_SIZE) drain();
};

const drain = () => {
  while (queue.running < env.INGEST_CONCURRENCY && queue.size > 0) {
    const batch = takeRoundRobin({ byKey: queue.byCompany, max: BATCH_SIZE });
    queue.size -= batch.length;
    queue.running += 1;
    void runBatch(batch).finally(() => {
      queue.running -= 1;
      for (const id of batch) {
        queue.queued.delete(id);
        if (!queue.attempts.has(id)) queue.companyOf.delete(id);
      }
      pump();
      settleIdle();
    });
  }
};

/** Queues a message for processing here; a message already queued is not queued twice. */
export const enqueueInProcess = ({ messageId, companyId }: { messageId: string; companyId: string }): void => {
  if (queue.queued.has(messageId)) return;
  queue.queued.add(messageId);
  queue.companyOf.set(messageId, companyId);
  const waiting = queue.byCompany.get(companyId);
  if (waiting) waiting.push(messageId);
  else queue.byCompany.set(companyId, [messageId]);
  queue.size += 1;
  pump();
};

/** Resolves when nothing is queued, running or waiting for another attempt (tests, shutdown). */
export const whenQueueIdle = (): Promise<void> => (isIdle() ? Promise.resolve() : new Promise((resolve) => queue.idle.push(resolve)));
