// deliver-callback: one run per delivery. Each attempt is a step that never
// throws on HTTP failure (it returns the outcome, recorded in the database),
// and the run sleeps until the next scheduled attempt. At most 10 attempts run
// at once per endpoint; a sleeping run holds no slot. Deleting the endpoint
// cancels its runs.
import { callbackDeliveryCreated, callbackEndpointDeleted, inngest } from "@/inngest/client";
import { attemptDelivery } from "@/lib/callbacks/deliver/attempt-delivery";
import { MAX_SCHEDULED_ATTEMPTS } from "@/lib/callbacks/deliver/retry-schedule";
import type { TAttemptOutcome } from "@/lib/callbacks/deliver/types";

// Scheduled attempts, plus a few steps for an attempt that found another one in progress (a manual Resend).
const MAX_STEPS = MAX_SCHEDULED_ATTEMPTS + 4;
const BUSY_WAIT = "30s";

type TStepOutcome = Omit<TAttemptOutcome, "nextAttemptAt"> & { nextAttemptAt: string | Date | null };

export const deliverCallback = inngest.createFunction(
  {
    id: "deliver-callback",
    triggers: [callbackDeliveryCreated],
    concurrency: [{ key: "event.data.endpointId", limit: 10 }],
    cancelOn: [{ event: callbackEndpointDeleted, if: "async.data.endpointId == event.data.endpointId" }],
    // Only for infrastructure errors (the database) inside a step; HTTP failures are outcomes, not errors.
    retries: 3,
  },
  async ({ event, step }) => {
    const { deliveryId } = event.data;
    let last: TStepOutcome | null = null;
    for (let n = 1; n <= MAX_STEPS; n++) {
      const outcome: TStepOutcome = await step.run(`attempt-${n}`, () => attemptDelivery({ deliveryId, trigger: "scheduled" }));
      last = outcome;
      if (outcome.errorCode === "in_progress") {
        await step.sleep(`wait-busy-${n}`, BUSY_WAIT);
        continue;
      }
      const retrying = (outcome.status === "pending" || outcome.status === "failed") && outcome.nextAttemptAt !== null;
      if (!retrying) return outcome;
      await step.sleepUntil(`wait-${n}`, new Date(outcome.nextAttemptAt!));
    }
    return last;
  },
);
