// Throttle rows (every key prefix: email:, ip:, and any other sharing the
// table) whose counting window and lock have both passed count for nothing:
// the next failure starts a new window either way.
import { db } from "@/lib/db/client";
import { DEFAULT_BATCHING, repeatInBatches, type TBatching } from "./repeat-in-batches";

/** Deletes throttle rows whose window started more than `windowMs` ago and that are not locked; returns how many. */
export const purgeSignInThrottles = async ({ windowMs, now = new Date(), batching = DEFAULT_BATCHING }: { windowMs: number; now?: Date; batching?: TBatching }): Promise<number> => {
  const windowCutoff = new Date(now.getTime() - windowMs);
  return repeatInBatches({
    batching,
    // The outer check: a failure counted meanwhile (a new window or a new lock) keeps the row.
    statement: (limit) => db.$executeRaw`
      DELETE FROM sign_in_throttles
      WHERE key IN (
        SELECT key FROM sign_in_throttles
        WHERE window_start < ${windowCutoff} AND (locked_until IS NULL OR locked_until < ${now})
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) AND window_start < ${windowCutoff} AND (locked_until IS NULL OR locked_until < ${now})`,
  });
};
