import { db } from "@/lib/db/client";

/** Marks messages as processing (counting the attempt); returns those not already processed, in the given order. */
export const claimMessages = async ({ messageIds }: { messageIds: string[] }): Promise<string[]> => {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE inbound_messages
    SET status = 'processing', attempts = attempts + 1, processing_started_at = now()
    WHERE id = ANY(${messageIds}::text[]) AND status <> 'processed'
    RETURNING id`;
  const claimed = new Set(rows.map((r) => r.id));
  return messageIds.filter((id) => claimed.has(id));
};
