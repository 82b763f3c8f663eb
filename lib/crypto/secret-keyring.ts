// The AES-256-GCM keys for stored secrets: the current one seals, the old ones
// (SECRETS_ENCRYPTION_OLD_KEYS) only open, so the key itself can be changed
// without making every stored secret unreadable. Each key is known by an id
// derived from it, written into every ciphertext, so opening picks the right
// key at once and a ciphertext whose key is missing is recognised as such.
import { createHmac, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { readOrCreateLocalSecret } from "./local-secret-file";

export type TSecretKey = { id: string; key: Buffer };
export type TSecretKeyring = { current: TSecretKey; old: TSecretKey[] };

// A one-way, truncated digest: the id names a key without revealing anything about it.
const keyIdOf = (key: Buffer): string => createHmac("sha256", key).update("carrier-portal secret-box key id").digest("hex").slice(0, 16);

/** A keyring of raw 32-byte keys (duplicates of the current key among the old ones are ignored). */
export const createKeyring = ({ current, old = [] }: { current: Buffer; old?: Buffer[] }): TSecretKeyring => {
  const currentKey = { id: keyIdOf(current), key: current };
  const oldKeys = old.map((key) => ({ id: keyIdOf(key), key })).filter((k, i, all) => k.id !== currentKey.id && all.findIndex((o) => o.id === k.id) === i);
  return { current: currentKey, old: oldKeys };
};

let localKey: string | undefined;
let cached: { signature: string; keyring: TSecretKeyring } | undefined;

/** The configured keyring; rebuilt only when the configuration changes. */
export const configuredKeyring = (): TSecretKeyring => {
  const current =
    env.SECRETS_ENCRYPTION_KEY ??
    (localKey ??= readOrCreateLocalSecret({ name: "secrets-key", variable: "SECRETS_ENCRYPTION_KEY", generate: () => randomBytes(32).toString("base64") }));
  const signature = [current, ...env.SECRETS_ENCRYPTION_OLD_KEYS].join(",");
  if (cached?.signature !== signature) {
    cached = { signature, keyring: createKeyring({ current: Buffer.from(current, "base64"), old: env.SECRETS_ENCRYPTION_OLD_KEYS.map((k) => Buffer.from(k, "base64")) }) };
  }
  return cached.keyring;
};
