import { db } from "@/lib/db/client";

/** Marks a message as processing (counting the attempt); false when it is already processed or unknown. */
export const claimMessage = async ({ messageId }: { messageId: string }): Promise<boolean> => {
  const claimed = await db.$executeRaw`
    UPDATE inbound_messages
    SET status = 'processing', attempts = attempts + 1, processing_started_at = now()
    WHERE id = ${messageId} AND status <> 'processed'`;
  return claimed === 1;
};
