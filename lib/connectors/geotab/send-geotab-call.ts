// One JSON-RPC call to MyGeotab through the SSRF-guarded outbound module, with a small bounded retry of
// transient failures (DbUnavailableException, a proxy's 502/503/504, a dropped connection).
import { sendOutboundRequest } from "@/lib/net/send-outbound-request";
import { classifyGeotabError } from "./classify-geotab-error";
import type { TGeotabClientOptions, TGeotabError } from "./geotab-types";
import { readRetryAfter } from "./read-retry-after";

/** A full GetFeed page (50,000 LogRecords) is about 7 MB of JSON; anything past this is refused, not buffered. */
export const MAX_GEOTAB_RESPONSE_BYTES = 64 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;
/** Delays before the retries of a transient failure; the scheduler's backoff takes over after them. */
const RETRY_DELAYS_MS = [500, 2_000];
/** A Retry-After longer than this is left to the scheduler rather than slept through inside a call. */
const MAX_INLINE_WAIT_MS = 5_000;

type TCall = {
  apiUrl: string;
  method: string;
  params: Record<string, unknown>;
  secrets: string[];
  client: TGeotabClientOptions;
  /** Inline retries of a transient failure (Authenticate passes 0: every sign-in counts toward its limit). */
  retries?: number;
};
type TCallResult = { ok: true; value: unknown } | { ok: false; error: TGeotabError };
/** `inline`: worth retrying within the call (a timeout is not: it already took the whole timeout). */
type TAttempt = TCallResult & { inline?: boolean };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Removes any secret the text might echo (a vendor message, a network error). */
const scrub = (text: string, secrets: string[]) => secrets.filter((secret) => secret.length >= 4).reduce((out, secret) => out.split(secret).join("[redacted]"), text);

const sendOnce = async ({ apiUrl, method, params, secrets, client }: TCall): Promise<TAttempt> => {
  const nowMs = (client.now ?? Date.now)();
  const answer = await sendOutboundRequest({
    url: apiUrl,
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", "accept-encoding": "gzip, deflate, br" },
    body: JSON.stringify({ method, params }),
    timeoutMs: client.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxResponseBytes: MAX_GEOTAB_RESPONSE_BYTES,
    dispatcher: client.dispatcher,
  });
  if (answer.kind === "error") {
    const message = scrub(answer.message, secrets);
    switch (answer.code) {
      case "blocked_address":
        return { ok: false, error: { kind: "blocked_address", message } };
      case "invalid_url":
        return { ok: false, error: { kind: "permanent", message } };
      case "timeout":
        return { ok: false, error: { kind: "transient", message: `MyGeotab did not answer in time: ${message}` } };
      case "network_error":
        return { ok: false, error: { kind: "transient", message: `Could not reach MyGeotab: ${message}` }, inline: true };
    }
  }
  if (answer.bodyTruncated) return { ok: false, error: { kind: "invalid_response", message: `MyGeotab's answer to ${method} is larger than ${MAX_GEOTAB_RESPONSE_BYTES} bytes.` } };
  let body: unknown;
  try {
    body = JSON.parse(answer.bodyExcerpt);
  } catch {
    body = undefined;
  }
  // The JSON-RPC error decides, whatever the HTTP status (OverLimitException may come as 200 or 429).
  const vendorError = classifyGeotabError({ body, retryAfter: answer.headers["retry-after"], nowMs });
  if (vendorError) return { ok: false, error: { ...vendorError, message: scrub(vendorError.message, secrets) }, inline: vendorError.kind === "transient" };
  if (answer.status !== 200) {
    const waitMs = readRetryAfter({ value: answer.headers["retry-after"], nowMs });
    const message = `MyGeotab answered HTTP ${answer.status} to ${method}.`;
    if (answer.status === 429) return { ok: false, error: { kind: "rate_limited", message, retryAfterMs: waitMs ?? 60_000 } };
    if (answer.status >= 500 || answer.status === 408) return { ok: false, error: { kind: "transient", message, ...(waitMs === null ? {} : { retryAfterMs: waitMs }) }, inline: true };
    return { ok: false, error: { kind: "permanent", message } };
  }
  if (body === undefined) return { ok: false, error: { kind: "invalid_response", message: `MyGeotab's answer to ${method} is not JSON.` } };
  if (typeof body !== "object" || body === null || !("result" in body)) return { ok: false, error: { kind: "invalid_response", message: `MyGeotab's answer to ${method} has neither a result nor an error.` } };
  return { ok: true, value: (body as { result: unknown }).result };
};

/** Sends `method` with `params` to `apiUrl`; `secrets` are scrubbed from every error message. */
export const sendGeotabCall = async (call: TCall): Promise<TCallResult> => {
  const sleep = call.client.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt += 1) {
    const { inline, ...result } = await sendOnce(call);
    if (result.ok || !inline || attempt >= Math.min(call.retries ?? RETRY_DELAYS_MS.length, RETRY_DELAYS_MS.length)) return result;
    const waitMs = Math.max(RETRY_DELAYS_MS[attempt]!, result.error.retryAfterMs ?? 0);
    if (waitMs > MAX_INLINE_WAIT_MS) return result;
    await sleep(waitMs);
  }
};
