// A processing failure: the full error goes to the server log only; the
// message keeps a reason code and a sentence that is safe to show every user
// of the company (no server paths, SQL or stack frames).
import { db, type TTx } from "@/lib/db/client";
import { emitEvents } from "@/lib/callbacks/events/emit-events";
import { messageFailedEvent } from "@/lib/callbacks/events/message-events";
import { readCallbackUrl } from "@/lib/ingest/normalize/read-callback-url";
import { readSettings } from "@/lib/integrations/connection-settings";
import { isDataError } from "@/lib/db/is-data-error";
import { MessageBodyMissing } from "./load-normalized-message";

export type TProcessingErrorCode = "body_missing" | "processing_error";

const describe = (error: unknown, final: boolean): { code: TProcessingErrorCode; message: string } => {
  if (error instanceof MessageBodyMissing) return { code: "body_missing", message: "The raw message was removed by retention, so it cannot be processed again." };
  const what = isDataError(error) ? "The database refused part of this message." : "Processing failed on our side.";
  return { code: "processing_error", message: final ? `${what} The message is kept; retry it from this page.` : `${what} It will be retried.` };
};

/**
 * Records a processing error for the run holding the claim and releases the claim: back to
 * `received` for another attempt, or `failed` when `final` (retryable from its page).
 */
export const recordFailure = async ({ messageId, claimToken, error, final }: { messageId: string; claimToken?: string; error: unknown; final: boolean }): Promise<void> => {
  console.error(`[ingest] message ${messageId} failed${final ? " (final)" : ""}:`, error);
  const { code, message } = describe(error, final);
  await db.$transaction(async (tx) => {
    const { count } = await tx.inboundMessage.updateMany({
      where: { id: messageId, status: { not: "processed" }, ...(claimToken ? { claimToken } : {}) },
      data: { status: final ? "failed" : "received", lastErrorCode: code, lastError: message, claimToken: null },
    });
    if (count === 1 && final) await emitFailed({ tx, messageId, code, message });
  });
};

/** inbound.message.failed, in the failure's transaction (dry runs tell no one). */
const emitFailed = async ({ tx, messageId, code, message }: { tx: TTx; messageId: string; code: string; message: string }) => {
  const m = await tx.inboundMessage.findUniqueOrThrow({ where: { id: messageId }, select: { companyId: true, connectionId: true, receivedAt: true, attempts: true, dryRun: true, body: true, normalizedWith: true, connection: { select: { settings: true } } } });
  if (m.dryRun) return;
  const settings = readSettings(m.normalizedWith ?? m.connection.settings);
  const origin = { messageId, companyId: m.companyId, connectionId: m.connectionId, receivedAt: m.receivedAt, callbackUrl: callbackUrlOf(m.body, settings.acceptCallbackUrl) };
  await emitEvents({ tx, events: [messageFailedEvent({ origin, code, message, attempts: m.attempts, failedAt: new Date() })] });
};

/** The message's own callback_url, if its body still has a valid one. */
const callbackUrlOf = (body: Uint8Array | null, accept: boolean): string | null => {
  if (!body) return null;
  try {
    const envelope: unknown = JSON.parse(Buffer.from(body).toString("utf8"));
    return typeof envelope === "object" && envelope !== null ? readCallbackUrl({ value: (envelope as Record<string, unknown>).callback_url, accept }).callbackUrl : null;
  } catch {
    return null;
  }
};
