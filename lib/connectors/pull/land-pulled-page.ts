// A pulled page lands like a pushed message: the same de-duplicated landing
// and processing, with origin "poll" and the vendor's response kept beside
// the canonical body. The de-duplication key is made of the page's vendor
// record keys, so a page fetched again after a crash between fetch and
// commit lands nothing new.
import { sha256Hex } from "@/lib/crypto/random-token";
import { landMessage, type TLanding } from "@/lib/ingest/front-door/land-message";
import { dispatchMessage } from "@/lib/ingest/dispatch/dispatch-message";
import type { TPulledMessage, TPulledPage } from "./types";

/** Lands one message of a page and hands it to processing; one seen before answers with the original message. */
const landOne = async ({ companyId, connectionId, message, vendorPayload }: { companyId: string; connectionId: string; message: TPulledMessage; vendorPayload: TPulledPage["vendorPayload"] | null }): Promise<TLanding> => {
  const body = Buffer.from(JSON.stringify(message.envelope));
  const keys = [...message.recordKeys].sort();
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
    vendorPayload: vendorPayload ? { body: Buffer.from(vendorPayload.body), contentType: vendorPayload.contentType } : null,
  });
  if (landing.status === "accepted") await dispatchMessage({ messageId: landing.messageId, companyId, reason: "landed" });
  return landing;
};

/** Lands every message of a page, in order (the vendor's response with the first); returns their landings. */
export const landPulledPage = async ({ companyId, connectionId, page }: { companyId: string; connectionId: string; page: TPulledPage }): Promise<TLanding[]> => {
  const landings: TLanding[] = [];
  for (const [index, message] of page.messages.entries()) {
    landings.push(await landOne({ companyId, connectionId, message, vendorPayload: index === 0 ? page.vendorPayload : null }));
  }
  return landings;
};
