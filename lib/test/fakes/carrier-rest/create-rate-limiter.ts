// A sliding-window request limit in front of the data routes, answering 429
// with the time until a slot frees up, as Samsara does (fractional seconds,
// connector-protocols.md §4.1), or as an HTTP-date, which has whole seconds only.
import { jsonReply, type TReply } from "./reply";

export type TRateLimit = { limit: number; windowMs: number; retryAfter?: "seconds" | "httpDate" };

/** Returns a check that records each request and answers a 429 reply when it is over the limit. */
export const createRateLimiter = ({ limit, windowMs, retryAfter = "seconds" }: TRateLimit) => {
  const seen: number[] = [];
  return (now: number): TReply | null => {
    while (seen.length > 0 && seen[0]! <= now - windowMs) seen.shift();
    if (seen.length < limit) {
      seen.push(now);
      return null;
    }
    const waitMs = seen[0]! + windowMs - now;
    const header = retryAfter === "seconds" ? (waitMs / 1000).toFixed(5) : new Date(Math.ceil((now + waitMs) / 1000) * 1000).toUTCString();
    return jsonReply(429, { message: "Rate limit exceeded", requestId: "rate-limited" }, { "retry-after": header });
  };
};
