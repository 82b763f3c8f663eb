// The inbound front door (API specification, "Push fleet data"), in order:
// token → connector → paused → rate limit → body (size) → signature →
// timestamp → JSON → Idempotency-Key → land once → 202. Nothing is stored
// unless everything before it passed, and nothing gets a 202 unless it is
// stored. Verified requests draw from the connection's bucket; requests that
// fail the signature (or replay an old one) draw from a small bucket of their
// own, so whoever has only the URL cannot keep the real sender at 429.
import { AppError, isAppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/errors/error-response";
import { sha256Hex } from "@/lib/crypto/random-token";
import { readSettings, rateLimitOf } from "@/lib/integrations/connection-settings";
import { connectorById } from "@/lib/integrations/connectors";
import { findConnectionByToken } from "@/lib/integrations/find-connection-by-token";
import { dispatchMessage } from "@/lib/ingest/dispatch/dispatch-message";
import { runAfterResponse } from "@/lib/ingest/dispatch/run-after-response";
import { landMessage } from "./land-message";
import { peekToken } from "./rate-limiter";
import { readSignedBody } from "./read-signed-body";

const RETRY_AFTER_SECONDS = "5";

// Unknown token, deleted connection and wrong connector look the same from outside.
const notFound = () => new AppError("not_found", "Not found.");

/** Database trouble is a 503 the sender should retry, never a 500 or a 202. */
const database = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error)) throw error;
    console.error("[front-door] database unavailable:", error instanceof Error ? error.message : error);
    throw new AppError("database_unavailable", "We could not store the message right now. Nothing was stored; please retry.");
  }
};

const rateLimited = (seconds: number) => errorResponse(new AppError("rate_limited", "Too many requests for this connection. Retry later."), { "retry-after": String(seconds) });

const parseJsonObject = (body: Buffer): void => {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new AppError("invalid_json", "The body must be a JSON object (the envelope).");
};

const idempotencyKeyOf = (request: Request): string | null => {
  const key = request.headers.get("idempotency-key");
  if (key === null) return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new AppError("invalid_idempotency_key", "Idempotency-Key must be 1 to 255 visible ASCII characters.");
  return key;
};

const handle = async ({ request, connector, token }: { request: Request; connector: string; token: string }): Promise<Response> => {
  const now = new Date();
  const match = await database(() => findConnectionByToken({ token, now }));
  if (!match || connectorById(match.connection.connector).slug !== connector) throw notFound();
  const { connection } = match;
  if (connection.status === "paused") throw new AppError("connection_paused", "This connection is paused. Its owner can resume it in the portal.");
  const settings = readSettings(connection.settings);
  const verifiedBucket = { key: connection.id, ...rateLimitOf(settings) };
  const full = peekToken(verifiedBucket);
  if (full > 0) return rateLimited(full);

  const signed = await readSignedBody({ request, connection, settings, verifiedBucket, now });
  if ("retryAfter" in signed) return rateLimited(signed.retryAfter);
  const { body } = signed;
  parseJsonObject(body);
  const landing = await database(() =>
    landMessage({
      companyId: connection.companyId,
      connectionId: connection.id,
      body,
      bodySha256: sha256Hex(body),
      idempotencyKey: idempotencyKeyOf(request),
      signatureVariant: signed.verified.variant,
      signedAt: signed.verified.signedAt,
      // Only the portal's "Send test" holds a test token: its messages are dry runs.
      dryRun: match.tokenVariant === "test",
    }),
  );
  if (landing.status === "accepted") runAfterResponse(() => dispatchMessage({ messageId: landing.messageId, companyId: connection.companyId, reason: "landed" }));
  return Response.json(landing, { status: 202 });
};

/** Answers one inbound request; every error in the one error shape. */
export const handleInbound = async (input: { request: Request; connector: string; token: string }): Promise<Response> => {
  try {
    return await handle(input);
  } catch (error) {
    const code = isAppError(error) ? error.code : undefined;
    if (code === "database_unavailable" || code === "secret_unavailable") return errorResponse(error, { "retry-after": RETRY_AFTER_SECONDS });
    // The rest of an oversized body was never read: close the connection rather than reuse it.
    if (code === "payload_too_large") return errorResponse(error, { connection: "close" });
    return errorResponse(error);
  }
};
