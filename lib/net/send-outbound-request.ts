// The one way the portal sends HTTP to an address a user typed (callback URLs, connector base URLs).
// fetch comes from the same undici package as the Agent: Node's global fetch runs its own bundled
// undici, which rejects an npm undici Agent across versions, and Next patches the global one.
import { fetch, type Dispatcher, type Headers, type Response } from "undici";
import { BlockedAddressError } from "./blocked-address-error";
import { getOutboundAgent } from "./get-outbound-agent";

export type TOutboundRequest = {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Covers the whole exchange: connect, response headers and reading the excerpt. */
  timeoutMs?: number;
  /** How much of the response body is kept as text; the rest is discarded unread. */
  maxResponseBytes?: number;
  /** The guarded agent to use; defaults to the process's (tests inject their own). */
  dispatcher?: Dispatcher;
};

export type TOutboundErrorCode = "blocked_address" | "timeout" | "network_error" | "invalid_url";
export type TOutboundResponse = { kind: "response"; status: number; headers: Record<string, string>; bodyExcerpt: string; bodyTruncated: boolean; durationMs: number };
export type TOutboundError = { kind: "error"; code: TOutboundErrorCode; message: string; durationMs: number };
export type TOutboundResult = TOutboundResponse | TOutboundError;

export const DEFAULT_OUTBOUND_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 4_096;

class OutboundTimeoutError extends Error {}

/** Finds the first error in a cause chain that matches, e.g. the BlockedAddressError under undici's "fetch failed". */
const findCause = <T>(error: unknown, match: (e: unknown) => e is T): T | null => {
  for (let current: unknown = error, depth = 0; current && depth < 8; current = (current as { cause?: unknown }).cause, depth++) {
    if (match(current)) return current;
  }
  return null;
};

/** A short, secret-free description of a network failure: its code and message, never the URL's query. */
const describeNetworkError = (error: unknown): string => {
  const root = findCause(error, (e): e is Error => e instanceof Error && !(e.message === "fetch failed" && e.cause !== undefined));
  if (!root) return "The request failed before a response arrived.";
  const code = (root as NodeJS.ErrnoException).code;
  return code && !root.message.includes(code) ? `${code}: ${root.message}` : root.message;
};

/** Reads at most `limit` bytes of the body, then cancels the rest so it is never buffered. */
const readExcerpt = async ({ body, limit }: { body: Response["body"]; limit: number }): Promise<{ text: string; truncated: boolean }> => {
  if (!body) return { text: "", truncated: false };
  const reader = body.getReader();
  const decoder = new TextDecoder("utf-8");
  let text = "";
  let kept = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), truncated: false };
    const room = limit - kept;
    if (value.byteLength > room) {
      // stream: true drops a multi-byte character cut at the limit instead of inventing U+FFFD.
      text += decoder.decode(value.subarray(0, room), { stream: true });
      await reader.cancel().catch(() => undefined);
      return { text, truncated: true };
    }
    text += decoder.decode(value, { stream: true });
    kept += value.byteLength;
  }
};

const toHeaderRecord = (headers: Headers): Record<string, string> => {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = name in record ? `${record[name]}, ${value}` : value;
  });
  return record;
};

/** Parses and checks the URL; a message when it cannot be sent to. */
const checkUrl = (url: string): { ok: true; url: URL } | { ok: false; message: string } => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, message: "The URL is not an absolute URL." };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return { ok: false, message: `Only http:// and https:// URLs can be requested, not ${parsed.protocol}//.` };
  if (parsed.username || parsed.password) return { ok: false, message: "URLs with a user name or password are not supported." };
  return { ok: true, url: parsed };
};

/**
 * Sends one HTTP request through the SSRF-guarded agent, without following redirects. Never throws
 * for network or HTTP failures: the result is the response (status, lower-case headers, the first
 * maxResponseBytes of the body as text) or an error with a code, each with its duration.
 */
export const sendOutboundRequest = async ({ url, method = "GET", headers, body, timeoutMs = DEFAULT_OUTBOUND_TIMEOUT_MS, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES, dispatcher }: TOutboundRequest): Promise<TOutboundResult> => {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = checkUrl(url);
  if (!target.ok) return { kind: "error", code: "invalid_url", message: target.message, durationMs: elapsed() };

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new OutboundTimeoutError()), timeoutMs);
  try {
    const response = await fetch(target.url, { method, headers, body, redirect: "manual", signal: controller.signal, dispatcher: dispatcher ?? getOutboundAgent() });
    const excerpt = await readExcerpt({ body: response.body, limit: Math.max(0, maxResponseBytes) });
    return { kind: "response", status: response.status, headers: toHeaderRecord(response.headers), bodyExcerpt: excerpt.text, bodyTruncated: excerpt.truncated, durationMs: elapsed() };
  } catch (error) {
    const durationMs = elapsed();
    if (controller.signal.aborted) return { kind: "error", code: "timeout", message: `No complete response within ${timeoutMs} ms.`, durationMs };
    const blocked = findCause(error, (e): e is BlockedAddressError => e instanceof BlockedAddressError);
    if (blocked) return { kind: "error", code: "blocked_address", message: blocked.message, durationMs };
    // fetch never connects to the ports of the Fetch standard's "bad port" list (SMTP, IRC, …): retrying cannot help.
    if (findCause(error, (e): e is Error => e instanceof Error && e.message === "bad port")) {
      return { kind: "error", code: "invalid_url", message: `Port ${target.url.port} is one that HTTP clients refuse to use (the Fetch standard's bad ports, e.g. 25 or 6667); use another port.`, durationMs };
    }
    return { kind: "error", code: "network_error", message: describeNetworkError(error), durationMs };
  } finally {
    clearTimeout(timer);
  }
};
