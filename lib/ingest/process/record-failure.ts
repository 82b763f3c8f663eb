// A processing failure: the full error goes to the server log only; the
// message keeps a reason code and a sentence that is safe to show every user
// of the company (no server paths, SQL or stack frames).
import { db } from "@/lib/db/client";
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
  await db.inboundMessage.updateMany({
    where: { id: messageId, status: { not: "processed" }, ...(claimToken ? { claimToken } : {}) },
    data: { status: final ? "failed" : "received", lastErrorCode: code, lastError: message, claimToken: null },
  });
};
