import type { TCounts } from "@/lib/ingest/normalize/types";
import { processMessages, type TRunStep } from "./process-messages";

export type { TRunStep } from "./process-messages";
export type TProcessOutcome = { status: "processed" | "skipped"; counts?: TCounts };

/** Processes one message (a batch of one); `claimToken` identifies the run (a fresh one by default). */
export const processMessage = async ({ messageId, runStep, claimToken }: { messageId: string; runStep: TRunStep; claimToken?: string }): Promise<TProcessOutcome> => {
  const { processed } = await processMessages({ messageIds: [messageId], runStep, claimToken });
  const counts = processed[messageId];
  return counts ? { status: "processed", counts } : { status: "skipped" };
};
