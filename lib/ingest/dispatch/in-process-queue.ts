// Without Inngest, messages are processed in this process: a queue with
// bounded concurrency (so a burst cannot exhaust the database pool) that
// takes what is waiting in batches of up to 50, one statement per stage for
// the whole batch. A batch that fails is processed again message by message,
// with a few retries and back-off before a message is marked failed.
import { env } from "@/lib/env";
import { processMessage } from "@/lib/ingest/process/process-message";
import { processMessages } from "@/lib/ingest/process/process-messages";
import { recordFailure } from "@/lib/ingest/process/record-failure";

const MAX_ATTEMPTS = 3;
const BATCH_SIZE = 50;
// A batch waits this long to fill up: bigger batches cost less CPU per message,
// which leaves more of the process's one thread to the front door.
const GATHER_MS = 100;
const BACKOFF_MS = [1_000, 5_000];

type TQueue = { pending: string[]; queued: Set<string>; running: number; idle: (() => void)[]; gather?: NodeJS.Timeout };
const holder = globalThis as { __ingestQueue?: TQueue };
const queue: TQueue = (holder.__ingestQueue ??= { pending: [], queued: new Set(), running: 0, idle: [] });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const runOnce = async (messageId: string) => {
  for (let attempt = 1; ; attempt++) {
    try {
      await processMessage({ messageId, runStep: (_id, work) => work() });
      return;
    } catch (error) {
      const final = attempt >= MAX_ATTEMPTS;
      console.error(`[ingest] message ${messageId} attempt ${attempt} failed${final ? "; marked failed" : ""}:`, error);
      await recordFailure({ messageId, error, final }).catch((e) => console.error("[ingest] could not record failure", e));
      if (final) return;
      await sleep(BACKOFF_MS[attempt - 1] ?? 5_000);
    }
  }
};

const runBatch = async (messageIds: string[]) => {
  if (messageIds.length > 1) {
    try {
      await processMessages({ messageIds, runStep: (_id, work) => work() });
      return;
    } catch (error) {
      console.error(`[ingest] a batch of ${messageIds.length} failed; processing its messages one by one:`, error);
    }
  }
  for (const messageId of messageIds) await runOnce(messageId);
};

const pump = () => {
  if (queue.pending.length > 0 && queue.pending.length < BATCH_SIZE && !queue.gather) {
    queue.gather = setTimeout(() => {
      queue.gather = undefined;
      drain();
    }, GATHER_MS);
    return;
  }
  if (queue.pending.length >= BATCH_SIZE) drain();
};

const drain = () => {
  while (queue.running < env.INGEST_CONCURRENCY && queue.pending.length > 0) {
    const batch = queue.pending.splice(0, BATCH_SIZE);
    queue.running += 1;
    void runBatch(batch).finally(() => {
      queue.running -= 1;
      batch.forEach((id) => queue.queued.delete(id));
      pump();
      if (queue.running === 0 && queue.pending.length === 0) queue.idle.splice(0).forEach((resolve) => resolve());
    });
  }
};

/** Queues a message for processing here; a message already queued is not queued twice. */
export const enqueueInProcess = ({ messageId }: { messageId: string; companyId: string }): void => {
  if (queue.queued.has(messageId)) return;
  queue.queued.add(messageId);
  queue.pending.push(messageId);
  pump();
};

/** Resolves when nothing is queued or running (tests, shutdown). */
export const whenQueueIdle = (): Promise<void> =>
  queue.running === 0 && queue.pending.length === 0 ? Promise.resolve() : new Promise((resolve) => queue.idle.push(resolve));
