// Retry-After is delta-seconds or an IMF-fixdate (RFC 9110 §10.2.3); Samsara
// sends fractional seconds such as "0.40235" (connector-protocols.md §4.1),
// which a client that expects an integer misreads.
import type { TRetryAfter } from "./types";

/** The header value: the seconds as given (fractions kept), or the date as `Sun, 06 Nov 1994 08:49:37 GMT`. */
export const formatRetryAfter = (retryAfter: TRetryAfter): string => ("seconds" in retryAfter ? String(retryAfter.seconds) : retryAfter.date.toUTCString());
