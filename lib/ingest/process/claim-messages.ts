import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

/**
 * Claims messages for one run, exclusively: a message waiting in `received`, a claim this run
 * already holds (a retried step), or one whose holder has not finished within the lease. A
 * message another live run holds is not claimed, so no two runs process it at once. The lease
 * (INGEST_CLAIM_LEASE_SECONDS) is how long a claim holds before a run that died is taken over.
 * The first claim records the connection's settings with the message: every step (on whatever
 * process) and every later run normalises it with those. Returns the claimed ids in the given order.
 */
export const claimMessages = async ({ messageIds, claimToken }: { messageIds: string[]; claimToken: string }): Promise<string[]> => {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE inbound_messages m
    SET status = 'processing', attempts = m.attempts + 1, processing_started_at = now(), claim_token = ${claimToken},
        normalized_with = COALESCE(m.normalized_with, c.settings)
    FROM connections c
    WHERE m.id = ANY(${messageIds}::text[]) AND c.id = m.connection_id
      AND (m.status = 'received'
        OR (m.status = 'processing' AND (m.claim_token = ${claimToken} OR m.claim_token IS NULL
          OR m.processing_started_at < now() - make_interval(secs => ${env.INGEST_CLAIM_LEASE_SECONDS}))))
    RETURNING m.id`;
  const claimed = new Set(rows.map((r) => r.id));
  return messageIds.filter((id) => claimed.has(id));
};
