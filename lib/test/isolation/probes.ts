// How the sweep calls an entry point, and the one answer shape it compares:
// an HTTP-like status, the error code if any, and the answer as text (for
// searching another company's ids and names in it).
import { notifyListeners } from "@/lib/ingest/process/notify-listeners";
import { errorStatus, type TErrorCode } from "@/lib/errors/error-status";
import type { TTenant } from "./build-tenant";

export type TAnswer = { status: number; code: string | null; text: string };

/** Calls one entry point (its exported handler) with the ids of the target company. */
export type TProbe = (input: { handler: unknown; target: TTenant }) => Promise<TAnswer>;

type TRouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type TFormAction = (prev: unknown, form: FormData) => Promise<unknown>;

const answerOfResponse = async (response: Response): Promise<TAnswer> => {
  const text = await response.text();
  let code: string | null = null;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    // Not JSON: no error code to read.
  }
  return { status: response.status, code, text };
};

const answerOfResult = (result: unknown): TAnswer => {
  const text = JSON.stringify(result ?? null);
  const failed = result as { ok?: boolean; error?: { code?: string } } | undefined;
  if (failed?.ok !== false) return { status: 200, code: null, text };
  const code = failed.error?.code ?? "internal_error";
  return { status: errorStatus[code as TErrorCode] ?? 500, code, text };
};

// Next ends an action with redirect() or notFound() by throwing an error with a digest.
const answerOfThrown = (error: unknown): TAnswer => {
  const digest = (error as { digest?: unknown } | null)?.digest;
  if (typeof digest !== "string") throw error;
  if (digest.startsWith("NEXT_REDIRECT;")) return { status: 303, code: null, text: JSON.stringify({ redirect: digest.split(";")[2] }) };
  const status = /^NEXT_HTTP_ERROR_FALLBACK;(\d+)$/.exec(digest)?.[1];
  if (!status) throw error;
  const code = ({ 401: "unauthenticated", 403: "forbidden", 404: "not_found" } as Record<string, string>)[status] ?? null;
  return { status: Number(status), code, text: digest };
};

/** A form-posting server action, `(prevState, formData)`, with these fields. */
export const formAction =
  (fields: (target: TTenant) => Record<string, string>): TProbe =>
  async ({ handler, target }) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields(target))) form.set(name, value);
    try {
      return answerOfResult(await (handler as TFormAction)(undefined, form));
    } catch (error) {
      return answerOfThrown(error);
    }
  };

/** A route handler called with this URL (path and query) and these route params. */
export const routeCall =
  (request: (target: TTenant) => { url: string; params?: Record<string, string>; method?: string }): TProbe =>
  async ({ handler, target }) => {
    const { url, params = {}, method = "GET" } = request(target);
    return answerOfResponse(await (handler as TRouteHandler)(new Request(`http://localhost${url}`, { method }), { params: Promise.resolve(params) }));
  };

const STREAM_WAIT_MS = 3_000;

/**
 * A Server-Sent Events route: opens the stream, waits for `ready`, then tells
 * the listeners that the target company's processed message changed its fleet
 * (the same NOTIFY processing sends), and collects what the stream sends until
 * a `changed` event or a few seconds (updates are coalesced to one a second).
 */
export const streamCall =
  (url: string): TProbe =>
  async ({ handler, target }) => {
    const controller = new AbortController();
    const response = await (handler as TRouteHandler)(new Request(`http://localhost${url}`, { signal: controller.signal }), { params: Promise.resolve({}) });
    if (!response.ok || !response.body) return answerOfResponse(response);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const deadline = Date.now() + STREAM_WAIT_MS;
    let text = "";
    let notified = false;
    let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
    while (Date.now() < deadline && !text.includes("event: changed")) {
      if (!notified && text.includes("event: ready")) {
        notified = true;
        await notifyListeners({ companyId: target.companyId, messageIds: [target.processedMessageId] });
      }
      pending ??= reader.read();
      const chunk = await Promise.race([pending, new Promise<null>((resolve) => setTimeout(() => resolve(null), Math.max(0, deadline - Date.now())))]);
      if (chunk === null) continue;
      pending = undefined;
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    controller.abort();
    await reader.cancel().catch(() => undefined);
    if (!notified) throw new Error(`the stream never sent "ready"; got: ${text}`);
    return { status: response.status, code: null, text };
  };
