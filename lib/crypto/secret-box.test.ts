import { describe, expect, it } from "vitest";
import { openSecret, randomSecretKey, sealedKeyId, sealSecret, UnreadableSecretError } from "./secret-box";
import { createKeyring } from "./secret-keyring";

const keyring = createKeyring({ current: randomSecretKey() });
const context = "connection:abc:signing-secret";

// Sealed by the v1 code (before key ids) with Buffer.alloc(32, 9): stored secrets of existing installations look like this.
const LEGACY_V1 = "v1.3Puz9dlcahnT2-UW.kZHfxvQoqe7c1Sg5XbVjlw.Cp9m1gOLWF1rgN1NMj4zxPx5Tp1Q0A";
const LEGACY_KEY = Buffer.alloc(32, 9);

const unreadable = (fn: () => unknown): UnreadableSecretError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof UnreadableSecretError) return error;
    throw error;
  }
  throw new Error("expected the secret to be unreadable");
};

describe("secret box (AES-256-GCM)", () => {
  it("round-trips in the v2 format, naming its key, and never contains the plaintext", () => {
    const sealed = sealSecret({ plaintext: "whsec_topsecret", context, keyring });
    expect(sealed).toMatch(/^v2\.[0-9a-f]{16}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealedKeyId(sealed)).toBe(keyring.current.id);
    expect(sealed).not.toContain("topsecret");
    expect(openSecret({ sealed, context, keyring })).toBe("whsec_topsecret");
    expect(sealSecret({ plaintext: "whsec_topsecret", context, keyring })).not.toBe(sealed);
  });

  it("derives a stable key id that differs between keys and reveals nothing of the key", () => {
    const key = randomSecretKey();
    expect(createKeyring({ current: key }).current.id).toBe(createKeyring({ current: Buffer.from(key) }).current.id);
    expect(createKeyring({ current: randomSecretKey() }).current.id).not.toBe(createKeyring({ current: key }).current.id);
    expect(key.toString("hex")).not.toContain(createKeyring({ current: key }).current.id);
  });

  it("detects a tampered ciphertext", () => {
    const sealed = sealSecret({ plaintext: "whsec_topsecret", context, keyring });
    const parts = sealed.split(".");
    const body = Buffer.from(parts[4]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString("base64url");
    expect(unreadable(() => openSecret({ sealed: parts.join("."), context, keyring })).reason).toBe("not_authentic");
  });

  it("refuses another row's context, an unknown key and garbage, saying which", () => {
    const sealed = sealSecret({ plaintext: "whsec_topsecret", context, keyring });
    expect(unreadable(() => openSecret({ sealed, context: "connection:other:signing-secret", keyring })).reason).toBe("not_authentic");
    const other = createKeyring({ current: randomSecretKey() });
    const unknown = unreadable(() => openSecret({ sealed, context, keyring: other }));
    expect(unknown).toMatchObject({ reason: "unknown_key", keyId: keyring.current.id });
    expect(unknown.message).toContain(keyring.current.id);
    expect(unknown.message).not.toContain("topsecret");
    expect(unreadable(() => openSecret({ sealed: "garbage", context, keyring })).reason).toBe("bad_format");
    expect(unreadable(() => openSecret({ sealed: "v2.only.three", context, keyring })).reason).toBe("bad_format");
  });

  it("a key id pointing at another configured key does not open it", () => {
    const both = createKeyring({ current: randomSecretKey(), old: [keyring.current.key] });
    const sealed = sealSecret({ plaintext: "whsec_topsecret", context, keyring: both });
    const relabelled = sealed.replace(`v2.${both.current.id}.`, `v2.${keyring.current.id}.`);
    expect(unreadable(() => openSecret({ sealed: relabelled, context, keyring: both })).reason).toBe("not_authentic");
  });
});

describe("old keys", () => {
  it("open what an old key sealed; new seals use the current key", () => {
    const oldKey = randomSecretKey();
    const before = createKeyring({ current: oldKey });
    const sealed = sealSecret({ plaintext: "whsec_before", context, keyring: before });
    const after = createKeyring({ current: randomSecretKey(), old: [oldKey] });
    expect(openSecret({ sealed, context, keyring: after })).toBe("whsec_before");
    expect(sealedKeyId(sealSecret({ plaintext: "whsec_after", context, keyring: after }))).toBe(after.current.id);
    // Without the old key, the same ciphertext is reported as sealed with an unknown key.
    expect(unreadable(() => openSecret({ sealed, context, keyring: createKeyring({ current: after.current.key }) }))).toMatchObject({ reason: "unknown_key", keyId: before.current.id });
  });

  it("ignores an old key equal to the current one", () => {
    const key = randomSecretKey();
    expect(createKeyring({ current: key, old: [key, Buffer.from(key)] }).old).toEqual([]);
  });
});

describe("the v1 format", () => {
  it("is still read with the current key, or with an old one", () => {
    expect(sealedKeyId(LEGACY_V1)).toBeNull();
    expect(openSecret({ sealed: LEGACY_V1, context, keyring: createKeyring({ current: LEGACY_KEY }) })).toBe("whsec_legacy-v1-secret");
    expect(openSecret({ sealed: LEGACY_V1, context, keyring: createKeyring({ current: randomSecretKey(), old: [LEGACY_KEY] }) })).toBe("whsec_legacy-v1-secret");
    expect(unreadable(() => openSecret({ sealed: LEGACY_V1, context, keyring: createKeyring({ current: randomSecretKey() }) }))).toMatchObject({ reason: "not_authentic", keyId: null });
    expect(unreadable(() => openSecret({ sealed: LEGACY_V1, context: "connection:other:signing-secret", keyring: createKeyring({ current: LEGACY_KEY }) })).reason).toBe("not_authentic");
  });
});
