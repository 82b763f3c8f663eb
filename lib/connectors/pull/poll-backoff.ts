// When the next poll of a connection is due after a cycle: its interval
// after success; after a failure, exponential back-off with jitter (never
// sooner than the vendor asked, e.g. Webfleet 8011 or Retry-After).
import type { TPullError } from "./types";

const BASE_MS = 5_000;
const MAX_MS = 30 * 60_000;

/** The delay before the next poll; `failures` counts failures in a row, this one included. */
export const nextPollDelayMs = ({ intervalSeconds, error, failures, random = Math.random }: { intervalSeconds: number; error: TPullError | null; failures: number; random?: () => number }): number => {
  const interval = intervalSeconds * 1000;
  if (!error) return interval;
  const exponential = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, failures - 1));
  // Full jitter in [50 %, 100 %]: instances that failed together do not retry together.
  const jittered = Math.round(exponential * (0.5 + random() * 0.5));
  const floor = error.kind === "rate_limited" ? Math.max(error.retryAfterMs ?? 60_000, 1_000) : 0;
  return Math.max(jittered, floor, error.kind === "transient" || error.kind === "rate_limited" ? 0 : interval);
};
