import { describe, expect, it } from "vitest";
import { openSecret, randomSecretKey, sealSecret } from "./secret-box";

const key = randomSecretKey();
const context = "connection:abc:signing-secret";

describe("secret box (AES-256-GCM)", () => {
  it("round-trips and never contains the plaintext", () => {
    const sealed = sealSecret({ plaintext: "whsec_topsecret", context, key });
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain("topsecret");
    expect(openSecret({ sealed, context, key })).toBe("whsec_topsecret");
    expect(sealSecret({ plaintext: "whsec_topsecret", context, key })).not.toBe(sealed);
  });

  it("detects a tampered ciphertext", () => {
    const sealed = sealSecret({ plaintext: "whsec_topsecret", context, key });
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString("base64url");
    expect(() => openSecret({ sealed: parts.join("."), context, key })).toThrow();
  });

  it("refuses another row's context and another key", () => {
    const sealed = sealSecret({ plaintext: "whsec_topsecret", context, key });
    expect(() => openSecret({ sealed, context: "connection:other:signing-secret", key })).toThrow();
    expect(() => openSecret({ sealed, context, key: randomSecretKey() })).toThrow();
    expect(() => openSecret({ sealed: "garbage", context, key })).toThrow(/format/);
  });
});
