import { afterEach, describe, expect, it } from "vitest";
import { env, parseEnv } from "@/lib/env";
import { openSecret, sealSecret } from "./secret-box";
import { configuredKeyring, createKeyring } from "./secret-keyring";

const key = (fill: number) => Buffer.alloc(32, fill).toString("base64");

describe("SECRETS_ENCRYPTION_OLD_KEYS", () => {
  it("is a comma-separated list of 32-byte base64 keys, empty by default", () => {
    expect(parseEnv({}).SECRETS_ENCRYPTION_OLD_KEYS).toEqual([]);
    expect(parseEnv({ SECRETS_ENCRYPTION_OLD_KEYS: `${key(1)}, ${key(2)},` }).SECRETS_ENCRYPTION_OLD_KEYS).toEqual([key(1), key(2)]);
  });

  it("names the variable when a key is not 32 bytes", () => {
    expect(() => parseEnv({ SECRETS_ENCRYPTION_OLD_KEYS: `${key(1)},c2hvcnQ=` })).toThrow(/SECRETS_ENCRYPTION_OLD_KEYS: must be comma-separated keys, each 32 random bytes/);
  });
});

describe("the configured keyring", () => {
  const saved = { SECRETS_ENCRYPTION_KEY: env.SECRETS_ENCRYPTION_KEY, SECRETS_ENCRYPTION_OLD_KEYS: env.SECRETS_ENCRYPTION_OLD_KEYS };
  afterEach(() => Object.assign(env, saved));

  it("seals with SECRETS_ENCRYPTION_KEY and opens with it or any old key, following a configuration change", () => {
    env.SECRETS_ENCRYPTION_KEY = key(1);
    const sealedBefore = sealSecret({ plaintext: "whsec_a", context: "c" });
    expect(configuredKeyring().current.id).toBe(createKeyring({ current: Buffer.alloc(32, 1) }).current.id);
    env.SECRETS_ENCRYPTION_KEY = key(2);
    env.SECRETS_ENCRYPTION_OLD_KEYS = [key(1)];
    expect(configuredKeyring().old.map((k) => k.id)).toEqual([createKeyring({ current: Buffer.alloc(32, 1) }).current.id]);
    expect(openSecret({ sealed: sealedBefore, context: "c" })).toBe("whsec_a");
    env.SECRETS_ENCRYPTION_OLD_KEYS = [];
    expect(() => openSecret({ sealed: sealedBefore, context: "c" })).toThrow(/not configured/);
  });
});
