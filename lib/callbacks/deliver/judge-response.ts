// What one HTTP exchange means for a delivery and its endpoint, following
// Standard Webhooks and Svix: 2xx is success and nothing else is; a redirect
// is a failure (never followed); 410 Gone disables the endpoint; the receiver
// may answer `webhook-delivery: abort-message` (stop retrying this one) or
// `webhook-delivery: disable` (stop sending to me).
import type { TOutboundResult } from "@/lib/net/send-outbound-request";

export type TVerdict = {
  succeeded: boolean;
  httpStatus: number | null;
  durationMs: number;
  errorCode: string | null;
  errorMessage: string | null;
  /** A redirect's target, kept for the log (never followed). */
  location: string | null;
  responseExcerpt: string | null;
  /** Ends the delivery whatever the schedule says: blocked (SSRF guard), aborted (receiver), gone (410), invalid (the URL cannot be sent to). */
  final: "blocked" | "aborted" | "gone" | "invalid" | null;
  /** The endpoint is to be disabled, and why. */
  disableEndpoint: "gone" | "receiver_disable" | null;
  /** A 429 or a timeout: the next attempt waits at least 60 s. */
  overloaded: boolean;
  retryAfter: string | null;
};

// PostgreSQL text cannot hold NUL; a receiver may well answer with one.
const storable = (text: string): string => text.replaceAll("\u0000", "\uFFFD");

const deliveryControls = (headers: Record<string, string>): Set<string> =>
  new Set((headers["webhook-delivery"] ?? "").split(",").map((token) => token.trim().toLowerCase()).filter(Boolean));

/** Turns the result of sending a delivery into what it means for the delivery and its endpoint. */
export const judgeResponse = (result: TOutboundResult): TVerdict => {
  const base = { durationMs: result.durationMs, location: null, responseExcerpt: null, final: null, disableEndpoint: null, overloaded: false, retryAfter: null } as const;
  if (result.kind === "error") {
    const final = result.code === "blocked_address" ? "blocked" : result.code === "invalid_url" ? "invalid" : null;
    return { ...base, succeeded: false, httpStatus: null, errorCode: result.code, errorMessage: storable(result.message), final, overloaded: result.code === "timeout" };
  }
  const { status, headers } = result;
  const controls = deliveryControls(headers);
  const excerpt = storable(result.bodyExcerpt);
  const disableByReceiver = controls.has("disable") ? ("receiver_disable" as const) : null;
  if (status >= 200 && status < 300) {
    return { ...base, succeeded: true, httpStatus: status, errorCode: null, errorMessage: null, responseExcerpt: excerpt, disableEndpoint: disableByReceiver };
  }
  const common = { ...base, succeeded: false, httpStatus: status, responseExcerpt: excerpt, retryAfter: headers["retry-after"] ?? null, overloaded: status === 429 };
  const aborted = controls.has("abort-message") ? ("aborted" as const) : null;
  if (status >= 300 && status < 400) {
    const location = headers.location ? storable(headers.location).slice(0, 2_000) : null;
    return { ...common, errorCode: "redirect", errorMessage: `HTTP ${status}: redirects are not followed${location ? ` (to ${location})` : ""}.`, location, final: aborted, disableEndpoint: disableByReceiver };
  }
  if (status === 410) {
    return { ...common, errorCode: "gone", errorMessage: "HTTP 410 Gone: the receiver says this endpoint no longer exists; it was disabled.", final: "gone", disableEndpoint: "gone" };
  }
  return { ...common, errorCode: "http_error", errorMessage: `HTTP ${status}`, final: aborted, disableEndpoint: disableByReceiver };
};
