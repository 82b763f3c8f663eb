import { isInngestEnabled } from "@/lib/env";
import { enqueueInProcess } from "./in-process-queue";

/** Hands a landed message to processing: an Inngest event (its id = the message id, so Inngest de-duplicates), or the in-process queue. */
export const dispatchMessage = async (messageId: string): Promise<void> => {
  if (!isInngestEnabled()) return enqueueInProcess(messageId);
  // Loaded only in Inngest mode: the front door is the hot path and should load nothing it does not use.
  const { inboundMessageReceived, inngest } = await import("@/inngest/client");
  await inngest.send(inboundMessageReceived.create({ messageId }, { id: messageId }));
};
