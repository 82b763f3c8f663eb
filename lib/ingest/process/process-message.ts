import type { TCounts } from "@/lib/ingest/normalize/types";
import { processMessages, type TRunStep } from "./process-messages";

export type { TRunStep } from "./process-messages";
export type TProcessOutcome = { status: "processed" | "skipped"; counts?: TCounts };

/** Processes one message (a batch of one). */
export const processMessage = async ({ messageId, runStep }: { messageId: string; runStep: TRunStep }): Promise<TProcessOutcome> => {
  const { processed } = await processMessages({ messageIds: [messageId], runStep });
  const counts = processed[messageId];
  return counts ? { status: "processed", counts } : { status: "skipped" };
};
