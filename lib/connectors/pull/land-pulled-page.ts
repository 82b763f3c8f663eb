// A pulled page lands like a pushed message: the same de-duplicated landing
// and processing, with origin "poll" and the vendor's response kept beside
// the canonical body. The de-duplication key is made of the page's vendor
// record keys, so a page fetched again after a crash between fetch and
// commit lands nothing new.
import { sha256Hex } from "@/lib/crypto/random-token";
import { landMessage, type TLanding } from "@/lib/ingest/front-door/land-message";
import { dispatchMessage } from "@/lib/ingest/dispatch/dispatch-message";
import type { TPulledPage } from "./types";

/** Lands one page as a message and hands it to processing; a page seen before answers with the original message. */
export const landPulledPage = async ({ companyId, connectionId, page }: { companyId: string; connectionId: string; page: TPulledPage }): Promise<TLanding> => {
  const body = Buffer.from(JSON.stringify(page.envelope));
  const keys = [...page.recordKeys].sort();
  const landing = await landMessage({
    companyId,
    connectionId,
    body,
    bodySha256: sha256Hex(body),
    // Idempotency keys are 1–255 visible characters; a digest of the record keys always is.
    idempotencyKey: keys.length > 0 ? `pull:${sha256Hex(keys.join("\n"))}` : null,
    signatureVariant: null,
    signedAt: null,
    dryRun: false,
    origin: "poll",
    vendorPayload: { body: Buffer.from(page.vendorPayload.body), contentType: page.vendorPayload.contentType },
  });
  if (landing.status === "accepted") await dispatchMessage({ messageId: landing.messageId, companyId, reason: "landed" });
  return landing;
};
