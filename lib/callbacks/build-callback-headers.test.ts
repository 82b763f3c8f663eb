import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { buildCallbackHeaders, CALLBACK_USER_AGENT } from "./build-callback-headers";
import { generateCallbackSecret } from "./generate-callback-secret";

describe("buildCallbackHeaders", () => {
  const secret = generateCallbackSecret();
  const body = '{"id":"OFFER-7","event_id":"evt_abc","event_name":"availability.offer.created","occurred_at":"2026-03-01T10:00:00.000Z","sequence":1,"data":{}}';
  const base = { eventId: "evt_abc", eventName: "availability.offer.created", deliveryId: "dlv_123", body, secrets: [{ kind: "whsec" as const, value: secret }] };

  it("builds every header of an attempt, signed for this attempt's time", () => {
    const now = new Date();
    const headers = buildCallbackHeaders({ ...base, attempt: 3, now });
    expect(headers).toEqual({
      "content-type": "application/json",
      "user-agent": "BetakomCarrierPortal-Webhooks/1.0 (+callbacks)",
      "webhook-id": "evt_abc",
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": expect.stringMatching(/^v1,[A-Za-z0-9+/]{43}=$/),
      "x-betakom-signature": createHmac("sha256", Buffer.from(secret.slice(6), "base64")).update(body).digest("hex"),
      "x-betakom-event": "availability.offer.created",
      "x-betakom-delivery": "dlv_123",
      "x-betakom-attempt": "3",
    });
    expect(headers["user-agent"]).toBe(CALLBACK_USER_AGENT);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it("keeps webhook-id across retries while the timestamp and signature follow each attempt", () => {
    const first = buildCallbackHeaders({ ...base, attempt: 1, now: new Date("2026-03-01T10:00:00Z") });
    const retry = buildCallbackHeaders({ ...base, attempt: 2, now: new Date("2026-03-01T10:00:05.900Z") });
    expect(retry["webhook-id"]).toBe(first["webhook-id"]);
    expect(first["webhook-timestamp"]).toBe("1772359200");
    expect(retry["webhook-timestamp"]).toBe("1772359205");
    expect(retry["webhook-signature"]).not.toBe(first["webhook-signature"]);
    expect(retry["x-betakom-signature"]).toBe(first["x-betakom-signature"]);
  });
});
