// Callback events (with their deliveries and attempts, by cascade) live as
// long as receipts. An event with a delivery still to be made (pending,
// retrying, held for a paused endpoint) is kept however old, so a paused
// endpoint still gets what it was owed when resumed.
import { db } from "@/lib/db/client";
import { DEFAULT_BATCHING, repeatInBatches, type TBatching } from "./repeat-in-batches";

const DAY_MS = 86_400_000;

/** Deletes callback events created more than `days` ago whose deliveries are all final; returns how many. */
export const purgeCallbackEvents = async ({ days, now = new Date(), batching = DEFAULT_BATCHING }: { days: number; now?: Date; batching?: TBatching }): Promise<number> => {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  return repeatInBatches({
    batching,
    statement: (limit) => db.$executeRaw`
      DELETE FROM callback_events WHERE id IN (
        SELECT e.id FROM callback_events e
        WHERE e.created_at < ${cutoff}
          AND NOT EXISTS (SELECT 1 FROM callback_deliveries d WHERE d.event_id = e.id AND d.status IN ('pending', 'failed', 'held'))
        ORDER BY e.created_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )`,
  });
};
