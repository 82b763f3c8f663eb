import { env } from "@/lib/env";
import type { Connection } from "@/lib/db/generated/client";
import type { TConnectionSettings } from "@/lib/integrations/connection-settings";
import { signingSecrets } from "@/lib/integrations/signing-secrets";
import { takeToken } from "./rate-limiter";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature, type TVerified } from "./verify-signature";

type TBucket = { key: string; perSecond: number; burst: number };

/**
 * Verifies the request's signature and charges the right bucket: a verified request the
 * connection's own; a failed one (wrong, missing, or a replay outside the tolerance) a small
 * bucket of its own, so unsigned traffic cannot use up the real sender's limit. Throws the
 * signature error, or returns the seconds to wait when the charged bucket is empty.
 */
export const verifyChargingBuckets = ({ request, body, connection, settings, verifiedBucket, now }: { request: Request; body: Buffer; connection: Connection; settings: TConnectionSettings; verifiedBucket: TBucket; now: Date }): { verified: TVerified } | { retryAfter: number } => {
  let verified: TVerified;
  try {
    verified = verifySignature({
      body,
      signature: request.headers.get(SIGNATURE_HEADER),
      timestamp: request.headers.get(TIMESTAMP_HEADER),
      secrets: signingSecrets({ connection, now }),
      requireTimestamp: settings.requireTimestamp,
      now,
    });
  } catch (error) {
    const wait = takeToken({ key: `${connection.id}:unverified`, perSecond: env.INBOUND_UNVERIFIED_RATE_PER_SECOND, burst: env.INBOUND_UNVERIFIED_BURST });
    if (wait > 0) return { retryAfter: wait };
    throw error;
  }
  const wait = takeToken(verifiedBucket);
  return wait > 0 ? { retryAfter: wait } : { verified };
};
