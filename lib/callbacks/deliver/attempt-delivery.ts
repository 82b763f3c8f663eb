// One attempt of one delivery, start to end: claim it (a scheduled attempt
// only when it is due), send it signed, and record the attempt with the
// delivery's and endpoint's new state in one transaction. The Inngest step,
// "Resend" and the test event all come through here.
import { claimDelivery } from "./claim-delivery";
import { runClaimedAttempts } from "./run-claimed-attempts";
import type { TAttemptOutcome, TAttemptTrigger, TCallbackTransport } from "./types";

// Longer than any attempt (the timeout is at most a minute), so the lease never runs out while one is in flight.
const SINGLE_LEASE_MS = 5 * 60_000;

const refusedMessage = { not_found: "This delivery does not exist.", in_progress: "Another attempt of this delivery is in progress.", not_due: "The delivery is not due for a scheduled attempt." } as const;

/** Attempts a delivery once and returns what became of it (never throws for HTTP or network failures). */
export const attemptDelivery = async ({ deliveryId, trigger, now, random, transport }: { deliveryId: string; trigger: TAttemptTrigger; now?: Date; random?: () => number; transport?: TCallbackTransport }): Promise<TAttemptOutcome> => {
  const claim = await claimDelivery({ deliveryId, trigger, now: now ?? new Date(), leaseMs: SINGLE_LEASE_MS });
  if ("reason" in claim) {
    return { deliveryId, succeeded: false, httpStatus: null, durationMs: 0, errorCode: claim.reason, errorMessage: refusedMessage[claim.reason], status: claim.status ?? "aborted", nextAttemptAt: claim.nextAttemptAt };
  }
  const outcomes = await runClaimedAttempts({ claims: [claim], trigger, now, random, transport });
  return outcomes.get(deliveryId) ?? { deliveryId, succeeded: false, httpStatus: null, durationMs: 0, errorCode: "endpoint_deleted", errorMessage: "The endpoint was deleted: nothing was recorded.", status: "aborted", nextAttemptAt: null };
};
