// How the scheduler should treat a non-2xx answer. 500 counts as transient
// too (the fake and real APIs answer it for passing faults; stopping a poll
// for it would need a human for nothing); other 4xx mean the settings are wrong.
import { readRetryAfter } from "./read-retry-after";
import { readVendorMessage } from "./read-vendor-message";
import type { TConnectorError } from "./types";

/** Without a Retry-After, a rate limit waits this long (Samsara asks for ≥ 5 s; a minute spares the quota). */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** Classifies a response that was not a success; `what` names the endpoint in the message ("The API", "The token endpoint"). */
export const classifyHttpFailure = ({ status, headers, body, now, what = "The API" }: { status: number; headers: Record<string, string>; body: string; now: Date; what?: string }): TConnectorError => {
  const vendor = readVendorMessage({ body, contentType: headers["content-type"] });
  const said = (text: string) => (vendor ? `${text}: ${vendor}` : `${text}.`);
  const retryAfterMs = readRetryAfter({ value: headers["retry-after"], now });
  if (status === 401 || status === 403) return { kind: "auth", status, message: said(`${what} refused the credentials (HTTP ${status})`) };
  if (status === 429) return { kind: "rate_limited", status, retryAfterMs: retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS, message: said(`${what} is rate limiting requests (HTTP 429)`) };
  if (status === 503 && retryAfterMs !== null) return { kind: "rate_limited", status, retryAfterMs, message: said(`${what} is unavailable for now (HTTP 503)`) };
  if (status === 408 || status === 425 || status >= 500) return { kind: "transient", status, message: said(`${what} answered HTTP ${status}`) };
  if (status >= 300 && status < 400) {
    return { kind: "permanent", status, message: `${what} answered a redirect (HTTP ${status}); redirects are not followed, so set the URL to the address it redirects to${headers.location ? ` (${headers.location.split("?")[0]})` : ""}.` };
  }
  return { kind: "permanent", status, message: said(`${what} answered HTTP ${status}; check the connector settings`) };
};
