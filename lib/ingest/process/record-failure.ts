import { db } from "@/lib/db/client";

/** Records a processing error; `final` marks the message failed (retryable from its page). */
export const recordFailure = async ({ messageId, error, final }: { messageId: string; error: unknown; final: boolean }): Promise<void> => {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2_000);
  await db.inboundMessage.updateMany({
    where: { id: messageId, status: { not: "processed" } },
    data: final ? { status: "failed", lastError: message } : { lastError: message },
  });
};
