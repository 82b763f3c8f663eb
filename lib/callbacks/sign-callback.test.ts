// Verified with the standardwebhooks package (an independent implementation) and node:crypto.
import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { issueSecret } from "@/lib/integrations/credentials";
import { generateCallbackSecret } from "./generate-callback-secret";
import { signCallback, type TCallbackSecret } from "./sign-callback";

const body = JSON.stringify({ id: "TOUR-42", event_id: "evt_01JTEST", event_name: "plans.plan.created", occurred_at: "2026-01-25T11:41:11.000Z", sequence: 1, data: { status: "planned", note: "Zürich → Łódź" } });
const webhookId = "evt_01JTEST";
const nowSeconds = () => Math.floor(Date.now() / 1000);
const headersFor = (signatures: ReturnType<typeof signCallback>, timestamp: number) => ({ "webhook-id": webhookId, "webhook-timestamp": String(timestamp), "webhook-signature": signatures["webhook-signature"] });

describe("generateCallbackSecret", () => {
  it("is whsec_ + standard base64 of 32 random bytes, different every time", () => {
    const secret = generateCallbackSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
    expect(generateCallbackSecret()).not.toBe(secret);
  });
});

describe("signCallback with an endpoint secret (whsec_)", () => {
  const secret = generateCallbackSecret();
  const secrets: TCallbackSecret[] = [{ kind: "whsec", value: secret }];

  it("verifies with standardwebhooks' Webhook.verify", () => {
    const timestamp = nowSeconds();
    const signatures = signCallback({ webhookId, timestamp, body, secrets });
    expect(signatures["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(body, headersFor(signatures, timestamp))).toEqual(JSON.parse(body));
  });

  it("fails verification for a tampered body, id or timestamp", () => {
    const timestamp = nowSeconds();
    const signatures = signCallback({ webhookId, timestamp, body, secrets });
    const wh = new Webhook(secret);
    expect(() => wh.verify(body.replace("TOUR-42", "TOUR-43"), headersFor(signatures, timestamp))).toThrow(/No matching signature/);
    expect(() => wh.verify(body, { ...headersFor(signatures, timestamp), "webhook-id": "evt_other" })).toThrow(/No matching signature/);
    expect(() => wh.verify(body, headersFor(signatures, timestamp - 1))).toThrow(/No matching signature/);
  });

  it("does not verify with another endpoint's secret", () => {
    const timestamp = nowSeconds();
    const signatures = signCallback({ webhookId, timestamp, body, secrets });
    expect(() => new Webhook(generateCallbackSecret()).verify(body, headersFor(signatures, timestamp))).toThrow(/No matching signature/);
  });

  it("keys x-betakom-signature with the decoded secret bytes: hex HMAC-SHA256 of the raw body", () => {
    const signatures = signCallback({ webhookId, timestamp: nowSeconds(), body, secrets });
    expect(signatures["x-betakom-signature"]).toBe(createHmac("sha256", Buffer.from(secret.slice("whsec_".length), "base64")).update(body).digest("hex"));
  });

  it.each(["whsec_", "whsec_not*base64", "whsec_" + Buffer.alloc(8).toString("base64"), "whsec_" + Buffer.alloc(65).toString("base64")])("refuses the malformed secret %j instead of signing with a wrong key", (value) => {
    expect(() => signCallback({ webhookId, timestamp: nowSeconds(), body, secrets: [{ kind: "whsec", value }] })).toThrow(/whsec_/);
  });
});

describe("signCallback during a rotation", () => {
  const current = generateCallbackSecret();
  const previous = generateCallbackSecret();

  it("sends one signature per secret, current first, and either secret alone verifies", () => {
    const timestamp = nowSeconds();
    const signatures = signCallback({ webhookId, timestamp, body, secrets: [{ kind: "whsec", value: current }, { kind: "whsec", value: previous }] });
    const parts = signatures["webhook-signature"].split(" ");
    expect(parts).toHaveLength(2);
    expect(parts[0]).toBe(signCallback({ webhookId, timestamp, body, secrets: [{ kind: "whsec", value: current }] })["webhook-signature"]);
    expect(parts[1]).toBe(signCallback({ webhookId, timestamp, body, secrets: [{ kind: "whsec", value: previous }] })["webhook-signature"]);
    expect(new Webhook(current).verify(body, headersFor(signatures, timestamp))).toBeDefined();
    expect(new Webhook(previous).verify(body, headersFor(signatures, timestamp))).toBeDefined();
    expect(() => new Webhook(generateCallbackSecret()).verify(body, headersFor(signatures, timestamp))).toThrow(/No matching signature/);
  });

  it("signs x-betakom-signature with the current secret only", () => {
    const signatures = signCallback({ webhookId, timestamp: nowSeconds(), body, secrets: [{ kind: "whsec", value: current }, { kind: "whsec", value: previous }] });
    expect(signatures["x-betakom-signature"]).toBe(createHmac("sha256", Buffer.from(current.slice(6), "base64")).update(body).digest("hex"));
  });
});

describe("signCallback with a connection's inbound secret (raw)", () => {
  // The connection secret an integrator already holds, as issued by the portal.
  const { secret: connectionSecret } = issueSecret();
  const secrets: TCallbackSecret[] = [{ kind: "raw", value: connectionSecret }];

  it("verifies with Webhook(secret, { format: \"raw\" }), which keys with the secret's characters as bytes", () => {
    const timestamp = nowSeconds();
    const signatures = signCallback({ webhookId, timestamp, body, secrets });
    // The package maps each character to one byte; issued secrets are ASCII, so that equals their UTF-8 bytes.
    expect(new Webhook(connectionSecret, { format: "raw" }).verify(body, headersFor(signatures, timestamp))).toEqual(JSON.parse(body));
    expect(new Webhook(Buffer.from(connectionSecret, "utf8"), { format: "raw" }).verify(body, headersFor(signatures, timestamp))).toBeDefined();
    // Not the whsec_ reading of the same text: the prefix and all are key bytes here.
    expect(() => new Webhook(connectionSecret).verify(body, headersFor(signatures, timestamp))).toThrow();
  });

  it("keys x-betakom-signature exactly as the inbound API does: the secret's UTF-8 bytes", () => {
    const signatures = signCallback({ webhookId, timestamp: nowSeconds(), body, secrets });
    expect(signatures["x-betakom-signature"]).toBe(createHmac("sha256", connectionSecret).update(body).digest("hex"));
    expect(signatures["x-betakom-signature"]).toBe(createHmac("sha256", Buffer.from(connectionSecret, "utf8")).update(body).digest("hex"));
  });

  it("uses UTF-8 bytes for a non-ASCII raw secret", () => {
    const timestamp = nowSeconds();
    const value = "sécret-ünïcode";
    const signatures = signCallback({ webhookId, timestamp, body, secrets: [{ kind: "raw", value }] });
    expect(new Webhook(Buffer.from(value, "utf8"), { format: "raw" }).verify(body, headersFor(signatures, timestamp))).toBeDefined();
    expect(signatures["x-betakom-signature"]).toBe(createHmac("sha256", value).update(body).digest("hex"));
  });
});

describe("signCallback refuses what would make the signature ambiguous or empty", () => {
  const secrets: TCallbackSecret[] = [{ kind: "whsec", value: generateCallbackSecret() }];
  it.each([["evt.1"], [""], ["evt 1"]])("a webhook id of %j", (id) => {
    expect(() => signCallback({ webhookId: id, timestamp: nowSeconds(), body, secrets })).toThrow(/webhook id/);
  });
  it("a fractional timestamp, and no secrets", () => {
    expect(() => signCallback({ webhookId, timestamp: 1.5, body, secrets })).toThrow(/Unix seconds/);
    expect(() => signCallback({ webhookId, timestamp: nowSeconds(), body, secrets: [] })).toThrow(/at least one secret/);
  });
});
