// A de-duplication key claims a message's body hash or Idempotency-Key for 7
// days; once expired, landing treats it as absent, so the row can go.
import { db } from "@/lib/db/client";
import { DEFAULT_BATCHING, repeatInBatches, type TBatching } from "./repeat-in-batches";

/** Deletes de-duplication keys whose window has passed; returns how many. */
export const purgeDedupeKeys = async ({ now = new Date(), batching = DEFAULT_BATCHING }: { now?: Date; batching?: TBatching } = {}): Promise<number> =>
  repeatInBatches({
    batching,
    // The outer check: a key re-claimed by a landing that committed meanwhile has a new expiry and stays.
    statement: (limit) => db.$executeRaw`
      DELETE FROM inbound_dedupe
      WHERE (connection_id, dedupe_key) IN (
        SELECT connection_id, dedupe_key FROM inbound_dedupe
        WHERE expires_at < ${now}
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) AND expires_at < ${now}`,
  });
