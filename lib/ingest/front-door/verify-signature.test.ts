import { describe, expect, it } from "vitest";
import { EXAMPLE_ENVELOPE } from "@/lib/integrations/example-envelope";
import { signBody, verifySignature } from "./verify-signature";

// Vectors computed independently with `openssl dgst -sha256 -hmac`.
const SPEC_BODY = Buffer.from(JSON.stringify(EXAMPLE_ENVELOPE));
const SPEC_SECRET = "whsec_spec-example";
const SPEC_SIGNATURE = "b1d200305e8d11cb867ec5c1239eab758395a7817f9d5307961ee581a8cc1c0d";
const SPEC_SIGNATURE_AT_1751364000 = "016de53856ce003da99f488bd814578484ee31563cb8778298079d5e8564baac";
const at = new Date(1751364000 * 1000);

const verify = (overrides: Partial<Parameters<typeof verifySignature>[0]>) =>
  verifySignature({ body: SPEC_BODY, signature: SPEC_SIGNATURE, timestamp: null, secrets: [{ variant: "current", secret: SPEC_SECRET }], requireTimestamp: false, now: at, ...overrides });

describe("signBody", () => {
  it("matches the RFC-style HMAC-SHA256 vector", () => {
    expect(signBody({ body: "The quick brown fox jumps over the lazy dog", secret: "key" })).toBe("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  });
  it("matches openssl for the specification's example body, with and without a timestamp", () => {
    expect(SPEC_BODY).toHaveLength(855);
    expect(signBody({ body: SPEC_BODY, secret: SPEC_SECRET })).toBe(SPEC_SIGNATURE);
    expect(signBody({ body: SPEC_BODY, secret: SPEC_SECRET, timestamp: 1751364000 })).toBe(SPEC_SIGNATURE_AT_1751364000);
  });
});

describe("verifySignature", () => {
  it("accepts the exact signature, a sha256= prefix and upper case", () => {
    expect(verify({})).toEqual({ variant: "current", signedAt: null });
    expect(verify({ signature: `sha256=${SPEC_SIGNATURE.toUpperCase()}` }).variant).toBe("current");
  });

  it("refuses a changed body, a wrong, short or missing signature", () => {
    expect(() => verify({ body: Buffer.concat([SPEC_BODY, Buffer.from(" ")]) })).toThrow(expect.objectContaining({ code: "invalid_signature" }));
    expect(() => verify({ signature: SPEC_SIGNATURE.replace(/^./, "0") })).toThrow(expect.objectContaining({ code: "invalid_signature" }));
    expect(() => verify({ signature: SPEC_SIGNATURE.slice(2) })).toThrow(expect.objectContaining({ code: "invalid_signature" }));
    expect(() => verify({ signature: null })).toThrow(expect.objectContaining({ code: "invalid_signature" }));
  });

  it("says which secret verified it", () => {
    const secrets = [{ variant: "current" as const, secret: "whsec_new" }, { variant: "previous" as const, secret: SPEC_SECRET }];
    expect(verify({ secrets }).variant).toBe("previous");
  });

  it("covers the timestamp and enforces the tolerance", () => {
    expect(verify({ timestamp: "1751364000", signature: SPEC_SIGNATURE_AT_1751364000 })).toEqual({ variant: "current", signedAt: at });
    expect(() => verify({ timestamp: "1751364000" })).toThrow(expect.objectContaining({ code: "invalid_signature" }));
    expect(() => verify({ timestamp: "1751364000", signature: SPEC_SIGNATURE_AT_1751364000, now: new Date(at.getTime() + 301_000) })).toThrow(expect.objectContaining({ code: "timestamp_out_of_tolerance" }));
    expect(() => verify({ timestamp: "soon", signature: SPEC_SIGNATURE_AT_1751364000 })).toThrow(expect.objectContaining({ code: "invalid_signature" }));
  });

  it("checks the signature before the timestamp, so an unsigned request learns nothing about the clock", () => {
    const stale = { timestamp: "1751364000", now: new Date(at.getTime() + 3_600_000) };
    expect(() => verify({ ...stale, signature: "0".repeat(64) })).toThrow(expect.objectContaining({ code: "invalid_signature" }));
    expect(() => verify({ ...stale, signature: null })).toThrow(expect.objectContaining({ code: "invalid_signature" }));
    expect(() => verify({ ...stale, signature: SPEC_SIGNATURE_AT_1751364000 })).toThrow(expect.objectContaining({ code: "timestamp_out_of_tolerance" }));
  });

  it("does not tell an unsigned request that the connection requires timestamps", () => {
    expect(() => verify({ requireTimestamp: true, signature: "0".repeat(64) })).toThrow(expect.objectContaining({ code: "invalid_signature", message: expect.not.stringMatching(/timestamp/) }));
  });

  it("requires a timestamp when the connection says so", () => {
    expect(() => verify({ requireTimestamp: true })).toThrow(/requires timestamped signatures/);
  });
});
