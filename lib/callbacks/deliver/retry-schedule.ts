// The retry schedule of Svix and the Standard Webhooks specification: 8
// attempts over about 27.6 hours, each delay with ±20 % jitter so that a
// receiver's outage does not bring every retry back at the same instant.
import { parseRetryAfter } from "./parse-retry-after";

/** The delay before each scheduled attempt: the first goes at once. */
export const RETRY_DELAYS_MS = [0, 5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000] as const;
export const MAX_SCHEDULED_ATTEMPTS = RETRY_DELAYS_MS.length;

const JITTER = 0.2;
// A receiver that throttles (429) or is too slow to answer (timeout) is overloaded: give it at least this long.
const OVERLOAD_PENALTY_MS = 60_000;

export type TRetryInput = {
  /** Scheduled attempts made so far, including the one that just failed (1 after the first). */
  attemptsMade: number;
  now: Date;
  /** The failure was a 429 or a timeout. */
  overloaded: boolean;
  /** The response's Retry-After header, if any. */
  retryAfter?: string | null;
  /** In [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
};

/** When the next scheduled attempt is due after a failed one; null when the schedule is used up (the delivery is exhausted). */
export const scheduleNextAttempt = ({ attemptsMade, now, overloaded, retryAfter = null, random = Math.random }: TRetryInput): Date | null => {
  if (attemptsMade >= MAX_SCHEDULED_ATTEMPTS) return null;
  const base = RETRY_DELAYS_MS[Math.max(1, attemptsMade)]!;
  let delay = base * (1 - JITTER + 2 * JITTER * random());
  const asked = parseRetryAfter({ value: retryAfter, now });
  // Honoured, but never sooner than scheduled (a receiver cannot make us hammer it) nor later than twice that.
  if (asked !== null) delay = Math.min(Math.max(asked, delay), 2 * delay);
  if (overloaded) delay = Math.max(delay, OVERLOAD_PENALTY_MS);
  return new Date(now.getTime() + Math.round(delay));
};
