// Where a delivery stands after an attempt. Scheduled attempts (and the test
// event's first) consume the schedule; a manual "Resend" is one extra attempt
// that only changes the delivery when it succeeds or the receiver aborts it.
import type { CallbackDeliveryStatus } from "@/lib/db/generated/enums";
import type { TVerdict } from "./judge-response";
import type { TAttemptTrigger } from "./types";
import { scheduleNextAttempt } from "./retry-schedule";

export type TDeliveryState = { status: CallbackDeliveryStatus; attempts: number; nextAttemptAt: Date | null };

/** The delivery's state after an attempt with this verdict; `endpointDisabled`: its endpoint is disabled now (then retries are held, not sent). */
export const nextDeliveryState = ({ prior, verdict, trigger, now, endpointDisabled, random }: { prior: TDeliveryState; verdict: TVerdict; trigger: TAttemptTrigger; now: Date; endpointDisabled: boolean; random?: () => number }): TDeliveryState => {
  const counts = trigger !== "manual";
  const attempts = prior.attempts + (counts ? 1 : 0);
  if (verdict.succeeded) return { status: "succeeded", attempts, nextAttemptAt: null };
  if (verdict.final === "aborted") return { status: "aborted", attempts, nextAttemptAt: null };
  if (!counts) return prior;
  switch (verdict.final) {
    case "blocked":
      return { status: "blocked", attempts, nextAttemptAt: null };
    case "gone":
    case "invalid":
      return { status: "failed", attempts, nextAttemptAt: null };
    case null:
      break;
  }
  const nextAttemptAt = scheduleNextAttempt({ attemptsMade: attempts, now, overloaded: verdict.overloaded, retryAfter: verdict.retryAfter, random });
  if (nextAttemptAt === null) return { status: "exhausted", attempts, nextAttemptAt: null };
  // Nothing is lost while the endpoint is off: the retry waits, held, until it is enabled again.
  if (endpointDisabled) return { status: "held", attempts, nextAttemptAt: null };
  return { status: "failed", attempts, nextAttemptAt };
};
