// The two credentials of a connection. The token (in the inbound URL) is only
// ever stored as its SHA-256; the signing secret carries a recognisable prefix
// so that a leaked one is easy to spot in code and logs.
import { randomToken, sha256Hex } from "@/lib/crypto/random-token";

export const SECRET_PREFIX = "whsec_";
const CREDENTIAL_BYTES = 32;

export type TIssuedToken = { token: string; hash: string; hint: string };
export type TIssuedSecret = { secret: string; hint: string };

/** A new inbound token: 32 random bytes, base64url (43 characters). */
export const issueToken = (): TIssuedToken => {
  const token = randomToken(CREDENTIAL_BYTES);
  return { token, hash: hashToken(token), hint: `…${token.slice(-4)}` };
};

/** A new signing secret: `whsec_` + 32 random bytes, base64url. */
export const issueSecret = (): TIssuedSecret => {
  const secret = `${SECRET_PREFIX}${randomToken(CREDENTIAL_BYTES)}`;
  return { secret, hint: `${secret.slice(0, SECRET_PREFIX.length + 4)}…` };
};

/** What a token is stored and looked up by. */
export const hashToken = (token: string): string => sha256Hex(token);

/** The AES-GCM context a connection's secret is sealed under. */
export const secretContext = (connectionId: string): string => `connection:${connectionId}:signing-secret`;
