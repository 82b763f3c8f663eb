import { env } from "@/lib/env";
import type { Connection } from "@/lib/db/generated/client";
import { AppError, isAppError } from "@/lib/errors/app-error";
import type { TConnectionSettings } from "@/lib/integrations/connection-settings";
import { signingSecrets } from "@/lib/integrations/signing-secrets";
import { readBody } from "./read-body";
import { takeToken } from "./rate-limiter";
import { invalidSignature, isWellFormedSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature, type TVerified } from "./verify-signature";

type TBucket = { key: string; perSecond: number; burst: number };
export type TSignedBody = { body: Buffer; verified: TVerified } | { retryAfter: number };

/**
 * Reads the body and verifies its signature, charging the right bucket. A verified request
 * draws from the connection's own bucket. Everything a sender without the secret can cause
 * draws from a small bucket of its own, so it cannot use up the real sender's limit: a request
 * without a well-formed signature (refused before its body is read), a body that is too large
 * or incomplete, a wrong signature, a replay outside the tolerance. Throws the refusal, or
 * returns the seconds to wait when the charged bucket is empty.
 */
export const readSignedBody = async ({ request, connection, settings, verifiedBucket, now }: { request: Request; connection: Connection; settings: TConnectionSettings; verifiedBucket: TBucket; now: Date }): Promise<TSignedBody> => {
  // Outside the refusals: an unreadable secret is our fault (503), not the sender's.
  const secrets = signingSecrets({ connection, now });
  const refuse = (error: AppError): TSignedBody => {
    const wait = takeToken({ key: `${connection.id}:unverified`, perSecond: env.INBOUND_UNVERIFIED_RATE_PER_SECOND, burst: env.INBOUND_UNVERIFIED_BURST });
    if (wait > 0) return { retryAfter: wait };
    throw error;
  };
  const signature = request.headers.get(SIGNATURE_HEADER);
  if (!isWellFormedSignature(signature)) return refuse(invalidSignature());
  let body: Buffer;
  let verified: TVerified;
  try {
    body = await readBody({ request, limit: env.INBOUND_MAX_BODY_BYTES });
    verified = verifySignature({ body, signature, timestamp: request.headers.get(TIMESTAMP_HEADER), secrets, requireTimestamp: settings.requireTimestamp, now });
  } catch (error) {
    if (isAppError(error)) return refuse(error);
    throw error;
  }
  const wait = takeToken(verifiedBucket);
  return wait > 0 ? { retryAfter: wait } : { body, verified };
};
