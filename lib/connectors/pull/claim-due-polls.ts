// Claims connections whose poll is due, for this instance: FOR UPDATE SKIP
// LOCKED, so several instances share the polling without waiting on each
// other, and a lease (locked_until) that is the claim: only its holder
// records the cycle, and a crashed instance's claim runs out.
import { db } from "@/lib/db/client";

export type TPollClaim = { connectionId: string; lease: Date };

/** Claims up to `limit` due polls (or exactly `connectionId`'s, when due); each gets the lease `now + leaseMs`. */
export const claimDuePolls = async ({ limit, leaseMs, now = new Date(), connectionId = null }: { limit: number; leaseMs: number; now?: Date; connectionId?: string | null }): Promise<TPollClaim[]> => {
  const lease = new Date(now.getTime() + leaseMs);
  const rows = await db.$queryRaw<{ connection_id: string }[]>`
    UPDATE connector_polls p SET locked_until = ${lease}::timestamptz
    WHERE p.connection_id IN (
      SELECT connection_id FROM connector_polls
      WHERE next_poll_at <= ${now}::timestamptz AND (locked_until IS NULL OR locked_until < ${now}::timestamptz)
        AND (${connectionId}::text IS NULL OR connection_id = ${connectionId}::text)
      ORDER BY next_poll_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING p.connection_id`;
  return rows.map((r) => ({ connectionId: r.connection_id, lease }));
};
