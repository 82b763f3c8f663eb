import { inboundMessageReceived, inngest } from "@/inngest/client";
import { isInngestEnabled } from "@/lib/env";
import { enqueueInProcess } from "./in-process-queue";

/** Hands a landed message to processing: an Inngest event (its id = the message id, so Inngest de-duplicates), or the in-process queue. */
export const dispatchMessage = async (messageId: string): Promise<void> => {
  if (!isInngestEnabled()) return enqueueInProcess(messageId);
  await inngest.send(inboundMessageReceived.create({ messageId }, { id: messageId }));
};
