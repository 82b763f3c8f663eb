// Claims due deliveries for this dispatcher. SKIP LOCKED lets several app
// instances claim at once without waiting for or taking each other's rows;
// the lease (locked_until) is the claim: others skip the row until it passes,
// and only the holder of exactly this lease may record the attempt. A crash
// loses nothing: the lease runs out and another dispatcher takes the row.
import { db } from "@/lib/db/client";
import type { TClaim } from "./prepare-attempts";

/** Claims up to `limit` due deliveries (at most `perKey` per endpoint, none for `skipEndpointIds`), oldest due first; each gets the lease `now + leaseMs`. */
export const claimDueDeliveries = async ({ limit, now = new Date(), leaseMs, perKey = limit, skipEndpointIds = [] }: { limit: number; now?: Date; leaseMs: number; perKey?: number; skipEndpointIds?: string[] }): Promise<TClaim[]> => {
  if (limit <= 0) return [];
  const lease = new Date(now.getTime() + leaseMs);
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH due AS (
      SELECT id, coalesce(endpoint_id, target_url) AS key, next_attempt_at FROM callback_deliveries
      WHERE status IN ('pending', 'failed') AND next_attempt_at <= ${now}::timestamptz
        AND (locked_until IS NULL OR locked_until < ${now}::timestamptz)
        AND (endpoint_id IS NULL OR NOT (endpoint_id = ANY(${skipEndpointIds}::text[])))
      ORDER BY next_attempt_at
      LIMIT ${limit * 2}
      FOR UPDATE SKIP LOCKED
    ), fair AS (
      -- One busy endpoint cannot fill the whole batch (its rows would wait here while others could be sent).
      SELECT id, row_number() OVER (PARTITION BY key ORDER BY next_attempt_at) AS n FROM due
    )
    UPDATE callback_deliveries d SET locked_until = ${lease}::timestamptz
    FROM (SELECT id FROM fair WHERE n <= ${perKey} LIMIT ${limit}) AS picked
    WHERE d.id = picked.id
    RETURNING d.id`;
  return rows.map((r) => ({ deliveryId: r.id, lease }));
};
