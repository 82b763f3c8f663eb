// One WEBFLEET.connect action through the SSRF-guarded outbound module: GET with the parameters
// in the query (as Webfleet's own SDK sends them), JSON output, ISO-8601 UTC times, UTF-8
// parameters. Errors arrive as HTTP 200 with {errorCode, errorMsg} or X-Webfleet-Errorcode, and
// the busy/upstream ones are retried a few times the way Webfleet's SDK does.
import { parseRetryAfter } from "@/lib/callbacks/deliver/parse-retry-after";
import { sendOutboundRequest } from "@/lib/net/send-outbound-request";
import { classifyWebfleetError, WEBFLEET_QUOTA_BACKOFF_MS } from "./classify-webfleet-error";
import { parseWebfleetJson } from "./parse-webfleet-json";
import type { TConnectorError, TWebfleetCallOptions, TWebfleetResult, TWebfleetRetry } from "./types";

/** 500 full queue messages are about 700 KB; accounts can have the cap raised, so leave room. */
export const WEBFLEET_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
export const WEBFLEET_TIMEOUT_MS = 30_000;
/** Webfleet's SDK tries up to 7 times; a poll cycle must stay bounded, so three attempts by default. */
const DEFAULT_ATTEMPTS = 3;
/** The SDK's waits: 30 s for 10000 "resource busy", 10 s for everything else it retries. */
const defaultDelayMs = (vendorCode: number | null) => (vendorCode === 10000 ? 30_000 : 10_000);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type TAttempt = { ok: true; value: TWebfleetAnswer } | { ok: false; error: TConnectorError; retryable: boolean };

const isErrorObject = (value: unknown): value is { errorCode: unknown; errorMsg?: unknown } =>
  typeof value === "object" && value !== null && !Array.isArray(value) && "errorCode" in value;

const attemptOnce = async ({ connection, action, params, timeoutMs, maxResponseBytes }: Required<Omit<TWebfleetCallOptions, "retry">> & { action: string; params: Record<string, string> }): Promise<TAttempt> => {
  const { settings, secrets, dispatcher } = connection;
  let url: URL;
  try {
    url = new URL(settings.serverUrl);
  } catch {
    return { ok: false, error: { kind: "permanent", message: "The Server URL is not a valid URL." }, retryable: false };
  }
  const query = { ...params, action, account: settings.account, username: settings.username, password: secrets.password, ...(secrets.apiKey ? { apikey: secrets.apiKey } : {}), outputformat: "json", useISO8601: "true", useUTF8: "true" };
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);

  const result = await sendOutboundRequest({ url: url.toString(), headers: { accept: "application/json" }, timeoutMs, maxResponseBytes, dispatcher });
  if (result.kind === "error") {
    if (result.code === "blocked_address") return { ok: false, error: { kind: "blocked_address", message: result.message }, retryable: false };
    if (result.code === "invalid_url") return { ok: false, error: { kind: "permanent", message: result.message }, retryable: false };
    // The SDK's code -1 (no answer at all) is retried like the busy codes.
    return { ok: false, error: { kind: "transient", message: `Webfleet did not answer: ${result.message}` }, retryable: true };
  }

  const headerCode = result.headers["x-webfleet-errorcode"];
  const parsed = result.bodyExcerpt.trim() === "" ? ({ ok: true, value: null } as const) : parseWebfleetJson(result.bodyExcerpt);
  const bodyError = parsed.ok && isErrorObject(parsed.value) ? parsed.value : null;
  const vendorCode = bodyError ? Number(bodyError.errorCode) : headerCode !== undefined ? Number(headerCode) : null;
  if (vendorCode !== null && Number.isFinite(vendorCode)) {
    const vendorMessage = typeof bodyError?.errorMsg === "string" ? bodyError.errorMsg : (result.headers["x-webfleet-errormessage"] ?? "");
    const error = classifyWebfleetError({ vendorCode, vendorMessage, secrets, retryAfterMs: parseRetryAfter({ value: result.headers["retry-after"], now: new Date() }) });
    return { ok: false, error, retryable: error.kind === "transient" };
  }
  if (result.status === 401 || result.status === 403) return { ok: false, error: { kind: "auth", message: `Webfleet refused the login (HTTP ${result.status}).` }, retryable: false };
  if (result.status === 429) {
    const retryAfterMs = parseRetryAfter({ value: result.headers["retry-after"], now: new Date() }) ?? WEBFLEET_QUOTA_BACKOFF_MS;
    return { ok: false, error: { kind: "rate_limited", message: "Webfleet answered HTTP 429 (too many requests).", retryAfterMs }, retryable: false };
  }
  if (result.status >= 500) return { ok: false, error: { kind: "transient", message: `Webfleet answered HTTP ${result.status}.` }, retryable: true };
  if (result.status !== 200) return { ok: false, error: { kind: "permanent", message: `Webfleet answered HTTP ${result.status}; is the Server URL the WEBFLEET.connect endpoint (…/extern)?` }, retryable: false };
  if (result.bodyTruncated) return { ok: false, error: { kind: "invalid_response", message: `Webfleet's answer to ${action} is larger than ${maxResponseBytes} bytes.` }, retryable: false };
  if (!parsed.ok) return { ok: false, error: { kind: "invalid_response", message: `Webfleet's answer to ${action} is not JSON.` }, retryable: false };
  return { ok: true, value: { body: parsed.value, raw: result.bodyExcerpt } };
};

/** A successful answer: the parsed JSON (null for Webfleet's empty success body) and the text as sent, for the message's vendor copy. */
export type TWebfleetAnswer = { body: unknown; raw: string };

/**
 * Calls one action and returns its answer, or a classified error. Retryable failures are tried again up to `retry.maxAttempts` times in all.
 */
export const callWebfleet = async ({ connection, action, params = {}, retry = {}, timeoutMs = WEBFLEET_TIMEOUT_MS, maxResponseBytes = WEBFLEET_MAX_RESPONSE_BYTES }: TWebfleetCallOptions & { action: string; params?: Record<string, string> }): Promise<TWebfleetResult<TWebfleetAnswer>> => {
  const { maxAttempts = DEFAULT_ATTEMPTS, delayMs = defaultDelayMs, sleep = defaultSleep }: TWebfleetRetry = retry;
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await attemptOnce({ connection, action, params, timeoutMs, maxResponseBytes });
    if (outcome.ok) return outcome;
    if (!outcome.retryable || attempt >= maxAttempts) return { ok: false, error: outcome.error };
    await sleep(delayMs(outcome.error.vendorCode ?? null));
  }
};
