// Webfleet's error codes sorted into what the scheduler does next. Codes the reference could not
// verify (1001 and other login codes) are backed up by the wording, so a renumbered code still
// counts as an authentication failure rather than a transient one that would lock the account.
import type { TConnectorError, TWebfleetSecrets } from "./types";

/** Retried by Webfleet's own SDK (python-wfconnect RetryingWfConnect): general, user busy, upstream, resource busy. */
const WEBFLEET_RETRYABLE_CODES = new Set([60, 8015, 9199, 10000]);
const QUOTA_CODE = 8011;
const AUTH_CODES = new Set([1001]);
const AUTH_WORDING = /credential|login|log in|password|authenticat|unauthori[sz]ed|api ?key/i;
/** Reference §1.1: after 8011 wait at least a minute, whatever else the response says. */
export const WEBFLEET_QUOTA_BACKOFF_MS = 60_000;
const MAX_MESSAGE_LENGTH = 500;

/** Removes the password and API key wherever a vendor message might echo them, and bounds the length. */
const scrub = (message: string, secrets: TWebfleetSecrets) => {
  let safe = message;
  for (const secret of [secrets.password, secrets.apiKey]) if (secret) safe = safe.split(secret).join("[redacted]");
  return safe.length > MAX_MESSAGE_LENGTH ? `${safe.slice(0, MAX_MESSAGE_LENGTH)}…` : safe;
};

/** Classifies a Webfleet error answer ({errorCode, errorMsg} or its headers); retryAfterMs from a Retry-After header, if any. */
export const classifyWebfleetError = ({ vendorCode, vendorMessage, secrets, retryAfterMs }: { vendorCode: number; vendorMessage: string; secrets: TWebfleetSecrets; retryAfterMs?: number | null }): TConnectorError => {
  const text = scrub(vendorMessage.trim() || "no message", secrets);
  const message = `Webfleet error ${vendorCode}: ${text}`;
  if (vendorCode === QUOTA_CODE) return { kind: "rate_limited", message, vendorCode, retryAfterMs: Math.max(WEBFLEET_QUOTA_BACKOFF_MS, retryAfterMs ?? 0) };
  if (WEBFLEET_RETRYABLE_CODES.has(vendorCode)) return { kind: "transient", message, vendorCode };
  if (AUTH_CODES.has(vendorCode) || AUTH_WORDING.test(vendorMessage)) return { kind: "auth", message, vendorCode };
  return { kind: "permanent", message, vendorCode };
};
