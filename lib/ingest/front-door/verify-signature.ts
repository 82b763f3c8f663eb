// x-betakom-signature: hex HMAC-SHA256 of the raw body with the connection's
// signing secret ("sha256=" prefix and either hex case accepted). With
// x-betakom-timestamp (Unix seconds) the signature covers "<timestamp>.<body>"
// and the timestamp must be within 5 minutes: replay protection beyond the spec.
import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import type { TSigningSecret } from "@/lib/integrations/signing-secrets";

export const SIGNATURE_HEADER = "x-betakom-signature";
export const TIMESTAMP_HEADER = "x-betakom-timestamp";
export const TIMESTAMP_TOLERANCE_SECONDS = 300;

export type TVerified = { variant: "current" | "previous"; signedAt: Date | null };

/** The refusal for a missing, malformed or wrong signature. */
export const invalidSignature = (message = "The x-betakom-signature header is missing or does not match the request body.") => new AppError("invalid_signature", message);
const invalid = invalidSignature;

/** The signature's 32 bytes, or null when the header is not 64 hex characters. */
const parseSignature = (header: string | null): Buffer | null => {
  const hex = header?.trim().replace(/^sha256=/i, "");
  return hex && /^[0-9a-f]{64}$/i.test(hex) ? Buffer.from(hex, "hex") : null;
};

/** True when the header has the form of a signature (64 hex characters, optionally after `sha256=`). */
export const isWellFormedSignature = (header: string | null): boolean => parseSignature(header) !== null;

/** Computes the hex signature a sender sends (used by tests and "Send test"). */
export const signBody = ({ body, secret, timestamp }: { body: Uint8Array | string; secret: string; timestamp?: number }): string => {
  const hmac = createHmac("sha256", secret);
  if (timestamp !== undefined) hmac.update(`${timestamp}.`);
  return hmac.update(body).digest("hex");
};

/**
 * Checks the signature against every valid secret in constant time, and only then the timestamp:
 * a request that is not signed learns nothing about the clock or the connection's settings.
 * Returns which secret matched.
 */
export const verifySignature = ({ body, signature, timestamp, secrets, requireTimestamp, now = new Date() }: { body: Buffer; signature: string | null; timestamp: string | null; secrets: TSigningSecret[]; requireTimestamp: boolean; now?: Date }): TVerified => {
  const stamp = timestamp?.trim() ?? null;
  if (stamp !== null && !/^\d{1,12}$/.test(stamp)) throw invalid("x-betakom-timestamp must be Unix time in seconds.");
  const given = parseSignature(signature);
  if (!given) throw invalid();
  let matched: TSigningSecret["variant"] | null = null;
  // Every secret is checked, so the time taken does not tell which one matched.
  for (const { variant, secret } of secrets) {
    const hmac = createHmac("sha256", secret);
    if (stamp !== null) hmac.update(`${stamp}.`);
    const expected = hmac.update(body).digest();
    if (timingSafeEqual(expected, given) && matched === null) matched = variant;
  }
  if (!matched) throw invalid();
  if (stamp === null) {
    if (requireTimestamp) throw invalid("This connection requires timestamped signatures: send x-betakom-timestamp and sign \"<timestamp>.<body>\".");
    return { variant: matched, signedAt: null };
  }
  const seconds = Number(stamp);
  if (Math.abs(now.getTime() / 1000 - seconds) > TIMESTAMP_TOLERANCE_SECONDS) {
    throw new AppError("timestamp_out_of_tolerance", `x-betakom-timestamp is more than ${TIMESTAMP_TOLERANCE_SECONDS} seconds away from the server's time.`);
  }
  return { variant: matched, signedAt: new Date(seconds * 1000) };
};
