// A message's own callback_url (the reference's request example): events
// about the message's objects also go there. It must be an absolute http(s)
// URL; anything else is recorded as dropped (`invalid_callback_url`) and the
// rest of the message is processed as usual.
import type { TIssue } from "./types";

const MAX_URL_LENGTH = 2_000;

const invalid = (detail: string): TIssue => ({ severity: "dropped", section: "envelope", index: null, reason: "invalid_callback_url", detail });

/** The envelope's callback_url when valid and accepted; otherwise null, with the issue that says why. */
export const readCallbackUrl = ({ value, accept }: { value: unknown; accept: boolean }): { callbackUrl: string | null; issue?: TIssue } => {
  if (value === undefined || value === null) return { callbackUrl: null };
  if (!accept) return { callbackUrl: null, issue: { severity: "warning", section: "envelope", index: null, reason: "ignored_field", detail: "callback_url was ignored: this connection does not accept callback_url in messages" } };
  if (typeof value !== "string") return { callbackUrl: null, issue: invalid("callback_url must be a string") };
  if (value.length > MAX_URL_LENGTH) return { callbackUrl: null, issue: invalid(`callback_url is longer than ${MAX_URL_LENGTH} characters`) };
  if (!/^https?:\/\//i.test(value)) return { callbackUrl: null, issue: invalid("callback_url must be an absolute URL starting with http:// or https://") };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { callbackUrl: null, issue: invalid("callback_url is not a valid URL") };
  }
  if (url.username || url.password) return { callbackUrl: null, issue: invalid("callback_url must not contain credentials") };
  if (/[\u0000-\u001f\u007f\s]/.test(value)) return { callbackUrl: null, issue: invalid("callback_url contains whitespace or control characters") };
  return { callbackUrl: url.toString() };
};
