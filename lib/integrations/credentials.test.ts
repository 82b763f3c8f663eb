import { describe, expect, it } from "vitest";
import { hashToken, issueSecret, issueToken, SECRET_PREFIX } from "./credentials";

describe("inbound token", () => {
  it("is 32 random bytes, URL-safe, stored as its SHA-256", () => {
    const { token, hash, hint } = issueToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(hash).toBe(hashToken(token));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hint).toBe(`…${token.slice(-4)}`);
    expect(issueToken().token).not.toBe(token);
  });
});

describe("signing secret", () => {
  it("has the whsec_ prefix and 32 random bytes", () => {
    const { secret, hint } = issueSecret();
    expect(secret.startsWith(SECRET_PREFIX)).toBe(true);
    expect(Buffer.from(secret.slice(SECRET_PREFIX.length), "base64url")).toHaveLength(32);
    expect(hint).toBe(`${secret.slice(0, 10)}…`);
    expect(issueSecret().secret).not.toBe(secret);
  });
});
