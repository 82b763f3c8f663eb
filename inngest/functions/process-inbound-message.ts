// process-inbound-message: normalises a landed message into fleet data, one
// idempotent step per stage, retried by Inngest on transient errors.
import { inboundMessageReceived, inngest } from "@/inngest/client";
import { processMessage } from "@/lib/ingest/process/process-message";
import { recordFailure } from "@/lib/ingest/process/record-failure";

export const processInboundMessage = inngest.createFunction(
  {
    id: "process-inbound-message",
    triggers: [inboundMessageReceived],
    retries: 4,
    onFailure: async ({ event, error }) => {
      const messageId = (event.data.event.data as { messageId: string }).messageId;
      // Only the failed run's own claim: a run that lost its message to a lease takeover must not mark it failed.
      await recordFailure({ messageId, claimToken: event.data.run_id, error, final: true });
    },
  },
  // The run id is the claim token: a retried step of this run keeps its claim, another run cannot take it.
  async ({ event, step, runId }) => processMessage({ messageId: event.data.messageId, runStep: (id, work) => step.run(id, work) as never, claimToken: runId }),
);
