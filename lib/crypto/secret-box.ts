// AES-256-GCM for secrets we must read back (signing secrets). The associated
// data binds a ciphertext to its row and purpose, so a ciphertext copied into
// another row does not decrypt. Format: v2.<keyId>.<iv>.<tag>.<ciphertext>
// (base64url; the key id says which key of the keyring sealed it). The older
// v1.<iv>.<tag>.<ciphertext>, without a key id, is still read.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { randomToken } from "./random-token";
import { configuredKeyring, type TSecretKey, type TSecretKeyring } from "./secret-keyring";

export type TUnreadableReason = "unknown_key" | "not_authentic" | "bad_format";

/** A sealed secret that no key of the keyring opens. Its message names the key id, never the secret. */
export class UnreadableSecretError extends Error {
  readonly reason: TUnreadableReason;
  readonly keyId: string | null;

  constructor(reason: TUnreadableReason, keyId: string | null) {
    const why = { unknown_key: `it was sealed with key ${keyId}, which is not configured`, not_authentic: "it does not decrypt (altered, or sealed for another row or key)", bad_format: "its format is not recognised" }[reason];
    super(`Sealed secret unreadable: ${why}`);
    this.name = "UnreadableSecretError";
    this.reason = reason;
    this.keyId = keyId;
  }
}

const decrypt = ({ key, iv, tag, ciphertext, context }: { key: Buffer; iv: string; tag: string; ciphertext: string; context: string }): string | null => {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
};

/** The id of the key that sealed `sealed`: null for the v1 format, which names none. */
export const sealedKeyId = (sealed: string): string | null => (sealed.startsWith("v2.") ? (sealed.split(".")[1] ?? null) : null);

/** Encrypts `plaintext` with the keyring's current key, bound to `context` (e.g. "connection:<id>:secret"). */
export const sealSecret = ({ plaintext, context, keyring = configuredKeyring() }: { plaintext: string; context: string; keyring?: TSecretKeyring }): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyring.current.key, iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v2", keyring.current.id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
};

/** Decrypts a sealed secret with the key that sealed it; throws UnreadableSecretError if no key of the keyring opens it. */
export const openSecret = ({ sealed, context, keyring = configuredKeyring() }: { sealed: string; context: string; keyring?: TSecretKeyring }): string => {
  const parts = sealed.split(".");
  const all: TSecretKey[] = [keyring.current, ...keyring.old];
  if (parts[0] === "v2" && parts.length === 5) {
    const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
    const key = all.find((k) => k.id === keyId);
    if (!key) throw new UnreadableSecretError("unknown_key", keyId);
    const plaintext = decrypt({ key: key.key, iv, tag, ciphertext, context });
    if (plaintext === null) throw new UnreadableSecretError("not_authentic", keyId);
    return plaintext;
  }
  if (parts[0] === "v1" && parts.length === 4) {
    const [, iv, tag, ciphertext] = parts as [string, string, string, string];
    // v1 names no key: try the current one first, then the old ones.
    for (const key of all) {
      const plaintext = decrypt({ key: key.key, iv, tag, ciphertext, context });
      if (plaintext !== null) return plaintext;
    }
    throw new UnreadableSecretError("not_authentic", null);
  }
  throw new UnreadableSecretError("bad_format", null);
};

/** For tests: a fresh random key. */
export const randomSecretKey = (): Buffer => Buffer.from(randomToken(32), "base64url");
