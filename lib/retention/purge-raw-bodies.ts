// Raw bodies go first: they are most of the storage, and the receipt (counts,
// dropped entries) stays useful without them. Only a finished message loses
// its body; one still waiting needs it to be processed. A pulled or mailed
// message's vendor payload goes with it, never before 7 days (what the
// connectors promise), however short RETENTION_RAW_BODY_DAYS is.
import { db } from "@/lib/db/client";
import { DEFAULT_BATCHING, repeatInBatches, type TBatching } from "./repeat-in-batches";

const DAY_MS = 86_400_000;
const VENDOR_PAYLOAD_MIN_DAYS = 7;

/** Removes the raw body (and vendor payload) of processed and failed messages landed more than `days` ago; returns how many. */
export const purgeRawBodies = async ({ days, now = new Date(), batching = DEFAULT_BATCHING }: { days: number; now?: Date; batching?: TBatching }): Promise<number> => {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const vendorCutoff = new Date(now.getTime() - Math.max(days, VENDOR_PAYLOAD_MIN_DAYS) * DAY_MS);
  return repeatInBatches({
    batching,
    // Newest first from the cutoff: bodies already purged (older) are reached only by the last, short batch.
    // SKIP LOCKED: a message being retried or processed right now is left for the next run; the outer status
    // check sees a status changed by a retry that committed meanwhile.
    statement: (limit) => db.$executeRaw`
      UPDATE inbound_messages SET body = NULL, vendor_payload = NULL, body_purged_at = ${now}
      WHERE id IN (
        SELECT id FROM inbound_messages
        WHERE received_at < (CASE WHEN origin = 'push' THEN ${cutoff} ELSE ${vendorCutoff} END)::timestamptz AND body IS NOT NULL AND status IN ('processed', 'failed')
        ORDER BY received_at DESC
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) AND status IN ('processed', 'failed')`,
  });
};
