// AES-256-GCM for secrets we must read back (signing secrets). The associated
// data binds a ciphertext to its row and purpose, so a ciphertext copied into
// another row does not decrypt. Format: v1.<iv>.<tag>.<ciphertext>, base64url.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { randomToken } from "./random-token";
import { readOrCreateLocalSecret } from "./local-secret-file";
import { env } from "@/lib/env";

let cachedKey: Buffer | undefined;

const encryptionKey = (): Buffer =>
  (cachedKey ??= Buffer.from(
    env.SECRETS_ENCRYPTION_KEY ??
      readOrCreateLocalSecret({ name: "secrets-key", variable: "SECRETS_ENCRYPTION_KEY", generate: () => randomBytes(32).toString("base64") }),
    "base64",
  ));

/** Encrypts `plaintext`, bound to `context` (e.g. "connection:<id>:secret"). */
export const sealSecret = ({ plaintext, context, key = encryptionKey() }: { plaintext: string; context: string; key?: Buffer }): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
};

/** Decrypts a sealed secret; throws if it was altered, or sealed for another context or key. */
export const openSecret = ({ sealed, context, key = encryptionKey() }: { sealed: string; context: string; key?: Buffer }): string => {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || ciphertext === undefined) throw new Error("Unrecognised sealed secret format");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
};

/** For tests: a fresh random key. */
export const randomSecretKey = (): Buffer => Buffer.from(randomToken(32), "base64url");
