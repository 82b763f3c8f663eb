// Every retention rule, in the same code for both processing modes: the
// in-process timer calls it plainly, the purge-retention Inngest function
// with each rule as a step (each is idempotent: running it again purges
// nothing more).
import { env } from "@/lib/env";
import { purgeCallbackEvents } from "./purge-callback-events";
import { purgeDedupeKeys } from "./purge-dedupe-keys";
import { purgeRawBodies } from "./purge-raw-bodies";
import { purgeReceipts } from "./purge-receipts";
import { purgeSignInThrottles } from "./purge-sign-in-throttles";
import type { TBatching } from "./repeat-in-batches";

export type TRetentionCounts = { receipts: number; issues: number; rawBodies: number; dedupeKeys: number; throttles: number; callbackEvents: number };

type TRunStep = <T>(id: string, work: () => Promise<T>) => Promise<T>;

// Whatever window a key prefix sharing the throttle table counts in, a row untouched for a day is safe to drop.
const MIN_THROTTLE_AGE_MS = 86_400_000;

/** Applies the configured retention once; returns how many rows each rule removed. */
export const applyRetention = async ({ now = new Date(), batching, runStep = (_id, work) => work() }: { now?: Date; batching?: TBatching; runStep?: TRunStep } = {}): Promise<TRetentionCounts> => {
  // Receipts before raw bodies: no point clearing the body of a row about to be deleted.
  const { messages, issues } = await runStep("purge-receipts", () => purgeReceipts({ days: env.RETENTION_RECEIPTS_DAYS, now, batching }));
  const rawBodies = await runStep("purge-raw-bodies", () => purgeRawBodies({ days: env.RETENTION_RAW_BODY_DAYS, now, batching }));
  const dedupeKeys = await runStep("purge-dedupe-keys", () => purgeDedupeKeys({ now, batching }));
  const windowMs = Math.max(env.SIGN_IN_LOCK_MINUTES * 60_000, MIN_THROTTLE_AGE_MS);
  const throttles = await runStep("purge-sign-in-throttles", () => purgeSignInThrottles({ windowMs, now, batching }));
  const callbackEvents = await runStep("purge-callback-events", () => purgeCallbackEvents({ days: env.RETENTION_RECEIPTS_DAYS, now, batching }));
  return { receipts: messages, issues, rawBodies, dedupeKeys, throttles, callbackEvents };
};
