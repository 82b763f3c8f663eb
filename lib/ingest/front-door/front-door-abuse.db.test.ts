// The front door against senders who only know the URL, replays, and
// integrators who mix Idempotency-Key with plain retries (real HTTP, real route).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { updateConnectionSettings } from "@/lib/integrations/update-connection-settings";
import { createFrontDoorConnection, postToFrontDoor } from "@/lib/test/front-door-client";
import { settle, startFrontDoor, type TFrontDoor } from "@/lib/test/front-door-server";
import { resetRateLimits } from "./rate-limiter";
import { signBody } from "./verify-signature";

let frontDoor: TFrontDoor;
beforeAll(async () => {
  frontDoor = await startFrontDoor();
});
afterAll(() => frontDoor.close());
beforeEach(() => resetRateLimits());

const post = (c: Parameters<typeof postToFrontDoor>[1], body: string | object, options?: Parameters<typeof postToFrontDoor>[3]) => postToFrontDoor(frontDoor.origin, c, body, options);
const offer = (n: number) => ({ availability: [{ availableFrom: "2026-07-04T00:00:00Z", capacityKg: n }] });

describe("rate limits and unsigned traffic", () => {
  it("keeps the real sender's limit when someone with only the URL floods it", async () => {
    const c = await createFrontDoorConnection();
    await updateConnectionSettings({ actor: c.admin, connectionId: c.connectionId, changes: { rateLimitPerSecond: 1, rateLimitBurst: 5 } });
    const flood: number[] = [];
    const started = performance.now();
    for (let i = 0; i < 30; i++) flood.push((await post(c, { positions: [], i }, { sign: false, headers: { "x-betakom-signature": "0".repeat(64) } })).status);
    const seconds = (performance.now() - started) / 1000;
    // The unsigned bucket (burst 10, 1 per second) answers 401 until it is empty, then 429; none of it is the sender's.
    expect(flood.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(flood.filter((s) => s === 401).length).toBeLessThanOrEqual(10 + Math.ceil(seconds));
    expect(flood).toContain(429);
    const real = [];
    for (let i = 0; i < 5; i++) real.push((await post(c, { positions: [], real: i })).status);
    expect(real).toEqual([202, 202, 202, 202, 202]);
    expect((await post(c, { positions: [], real: 6 })).status).toBe(429);
  });

  it("charges a replayed, validly signed but stale request to the unsigned bucket", async () => {
    const c = await createFrontDoorConnection();
    await updateConnectionSettings({ actor: c.admin, connectionId: c.connectionId, changes: { rateLimitPerSecond: 1, rateLimitBurst: 2 } });
    const raw = JSON.stringify({ positions: [] });
    const old = Math.floor(Date.now() / 1000) - 3_600;
    const replay = { "x-betakom-timestamp": String(old), "x-betakom-signature": signBody({ body: raw, secret: c.secret, timestamp: old }) };
    for (let i = 0; i < 5; i++) expect((await post(c, raw, { sign: false, headers: replay })).json.error.code).toBe("timestamp_out_of_tolerance");
    expect((await post(c, { positions: [], fresh: 1 })).status).toBe(202);
    expect((await post(c, { positions: [], fresh: 2 })).status).toBe(202);
  });
});

describe("what a sender without the secret can cause", () => {
  it("charges oversized and unsigned bodies to the unsigned bucket, leaving the sender's limit alone", async () => {
    const c = await createFrontDoorConnection();
    await updateConnectionSettings({ actor: c.admin, connectionId: c.connectionId, changes: { rateLimitPerSecond: 1, rateLimitBurst: 3 } });
    const huge = `{"positions":[],"pad":"${"x".repeat(1024 * 1024 + 1 - 25)}"}`;
    // The server may close the connection before an oversized upload ends: a reset is a refusal too.
    const status = (headers: Record<string, string>) => post(c, huge, { sign: false, headers }).then((r) => r.status, () => "reset");
    const started = performance.now();
    const oversized: (number | string)[] = [];
    for (let i = 0; i < 6; i++) oversized.push(await status({ "x-betakom-signature": "ab".repeat(32) }));
    expect(oversized.every((s) => s === 413 || s === "reset"), JSON.stringify(oversized)).toBe(true);
    // Then unsigned requests (refused before their body is read) until the unsigned bucket (burst 10, 1/s) is empty.
    let unsignedUntil429 = 0;
    while ((await post(c, { positions: [], n: unsignedUntil429 }, { sign: false })).status === 401) unsignedUntil429 += 1;
    const refilled = Math.ceil((performance.now() - started) / 1000);
    // Had the oversized bodies not been charged, it would take 10 + refilled.
    expect(unsignedUntil429).toBeLessThanOrEqual(10 - oversized.length + refilled);
    for (let i = 0; i < 3; i++) expect((await post(c, { positions: [], i })).status).toBe(202);
  });

  it("answers 503 secret_unavailable, never 429, when the signing secret cannot be read", async () => {
    const c = await createFrontDoorConnection();
    await db.connection.update({ where: { id: c.connectionId }, data: { secretCiphertext: "v2.0000000000000000.AAAA.AAAA.AAAA" } });
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await post(c, { positions: [], i })).status);
    expect(statuses).toEqual(Array(15).fill(503));
  });
});

describe("check order", () => {
  it("tells an unsigned request with an old timestamp only that the signature is wrong", async () => {
    const c = await createFrontDoorConnection();
    const stale = String(Math.floor(Date.now() / 1000) - 3_600);
    const response = await post(c, { positions: [] }, { sign: false, headers: { "x-betakom-timestamp": stale, "x-betakom-signature": "ab".repeat(32) } });
    expect(response).toMatchObject({ status: 401, json: { error: { code: "invalid_signature" } } });
  });

  it("answers invalid_idempotency_key for a key that is not 1–255 visible ASCII characters, storing nothing", async () => {
    const c = await createFrontDoorConnection();
    const response = await post(c, { positions: [] }, { headers: { "idempotency-key": "x".repeat(256) } });
    expect(response).toMatchObject({ status: 400, json: { error: { code: "invalid_idempotency_key" } } });
    expect(await db.inboundMessage.count({ where: { connectionId: c.connectionId } })).toBe(0);
  });
});

describe("de-duplication on the body and on the key", () => {
  it("processes the same body once whether it comes with a key, without one, or with another key", async () => {
    const c = await createFrontDoorConnection();
    const withKey = await post(c, offer(1), { headers: { "idempotency-key": "order-1" } });
    expect(withKey.json.status).toBe("accepted");
    const withoutKey = await post(c, offer(1));
    expect(withoutKey.json).toEqual({ messageId: withKey.json.messageId, status: "duplicate" });
    const otherKey = await post(c, offer(1), { headers: { "idempotency-key": "order-2" } });
    expect(otherKey.json).toEqual({ messageId: withKey.json.messageId, status: "duplicate" });
    // The second key now names the first message too.
    expect((await post(c, offer(1), { headers: { "idempotency-key": "order-2" } })).json.messageId).toBe(withKey.json.messageId);
    await settle();
    expect(await db.inboundMessage.count({ where: { connectionId: c.connectionId } })).toBe(1);
    // Offers without externalOfferId are keyed by message: one message, one offer.
    expect(await db.availabilityOffer.count({ where: { companyId: c.companyId } })).toBe(1);
  });

  it("treats a key first sent without one, then with one, as the same message", async () => {
    const c = await createFrontDoorConnection();
    const plain = await post(c, offer(2));
    const keyed = await post(c, offer(2), { headers: { "idempotency-key": "late-key" } });
    expect(keyed.json).toEqual({ messageId: plain.json.messageId, status: "duplicate" });
    await settle();
    expect(await db.availabilityOffer.count({ where: { companyId: c.companyId } })).toBe(1);
  });

  it("still refuses a key reused with another body, and stores nothing for it", async () => {
    const c = await createFrontDoorConnection();
    await post(c, offer(3), { headers: { "idempotency-key": "k" } });
    const reused = await post(c, offer(4), { headers: { "idempotency-key": "k" } });
    expect(reused).toMatchObject({ status: 409, json: { error: { code: "idempotency_key_reused" } } });
    expect(await db.inboundMessage.count({ where: { connectionId: c.connectionId } })).toBe(1);
    // The refused body left no claim behind: sent without the key it lands.
    expect((await post(c, offer(4))).json.status).toBe("accepted");
  });
});
