import { db } from "@/lib/db/client";

/** How long a claim holds before the recovery sweep may hand the message to another run (a run that died). */
export const CLAIM_LEASE_MINUTES = 10;

/**
 * Claims messages for one run, exclusively: a message waiting in `received`, a claim this run
 * already holds (a retried step), or one whose holder has not finished within the lease. A
 * message another live run holds is not claimed, so no two runs process it at once.
 * Returns the claimed ids in the given order.
 */
export const claimMessages = async ({ messageIds, claimToken }: { messageIds: string[]; claimToken: string }): Promise<string[]> => {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE inbound_messages
    SET status = 'processing', attempts = attempts + 1, processing_started_at = now(), claim_token = ${claimToken}
    WHERE id = ANY(${messageIds}::text[])
      AND (status = 'received'
        OR (status = 'processing' AND (claim_token = ${claimToken} OR claim_token IS NULL
          OR processing_started_at < now() - make_interval(mins => ${CLAIM_LEASE_MINUTES}))))
    RETURNING id`;
  const claimed = new Set(rows.map((r) => r.id));
  return messageIds.filter((id) => claimed.has(id));
};
