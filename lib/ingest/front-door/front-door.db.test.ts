// The front door through the real route handler over real HTTP, then
// processing in this process (Inngest not configured).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { deleteConnection } from "@/lib/integrations/delete-connection";
import { EXAMPLE_ENVELOPE } from "@/lib/integrations/example-envelope";
import { rotateSecret } from "@/lib/integrations/rotate-secret";
import { setConnectionStatus } from "@/lib/integrations/set-connection-status";
import { updateConnectionSettings } from "@/lib/integrations/update-connection-settings";
import { processMessage } from "@/lib/ingest/process/process-message";
import { forgetNormalizedMessage } from "@/lib/ingest/process/load-normalized-message";
import { createFrontDoorConnection, postToFrontDoor } from "@/lib/test/front-door-client";
import { fleetSnapshot } from "@/lib/test/fleet-snapshot";
import { settle, startFrontDoor, type TFrontDoor } from "@/lib/test/front-door-server";
import { resetRateLimits } from "./rate-limiter";
import { signBody } from "./verify-signature";

let frontDoor: TFrontDoor;
beforeAll(async () => {
  frontDoor = await startFrontDoor();
});
afterAll(() => frontDoor.close());
beforeEach(() => resetRateLimits());

const setup = () => createFrontDoorConnection();
const post = (c: Parameters<typeof postToFrontDoor>[1], body: string | object, options?: Parameters<typeof postToFrontDoor>[3]) => postToFrontDoor(frontDoor.origin, c, body, options);

const messageCount = (connectionId: string) => db.inboundMessage.count({ where: { connectionId } });

describe("the specification's example", () => {
  it("is accepted, processed and lands in the fleet data", async () => {
    const c = await setup();
    const response = await post(c, EXAMPLE_ENVELOPE);
    expect(response.status).toBe(202);
    expect(response.json).toEqual({ messageId: expect.any(String), status: "accepted" });
    await settle();

    const message = await db.inboundMessage.findUniqueOrThrow({ where: { id: response.json.messageId } });
    expect(message).toMatchObject({ status: "processed", attempts: 1, signatureVariant: "current", acceptedTotal: 3, droppedTotal: 0, companyId: c.companyId });
    expect(Buffer.from(message.body!).toString()).toBe(JSON.stringify(EXAMPLE_ENVELOPE));
    const unit = await db.unit.findUniqueOrThrow({ where: { companyId_externalUnitId: { companyId: c.companyId, externalUnitId: "TRK-1" } } });
    expect(unit).toMatchObject({ latestLat: 48.13, latestLng: 11.57, latestSpeedKmh: 80, latestHeadingDeg: 270, driverName: "M. Muster", latestAt: new Date("2026-07-01T10:00:00Z") });
    const plan = await db.plan.findUniqueOrThrow({ where: { companyId_externalPlanId: { companyId: c.companyId, externalPlanId: "TOUR-42" } }, include: { legs: true } });
    expect(plan).toMatchObject({ unitId: unit.id, status: "planned" });
    expect(plan.legs).toMatchObject([{ seq: 0, kind: "pickup", placeName: "Muenchen", postalCode: "80331", loadState: "empty", weightKg: 12000 }]);
    const offer = await db.availabilityOffer.findUniqueOrThrow({ where: { companyId_sourceKey: { companyId: c.companyId, sourceKey: "OFFER-7" } } });
    expect(offer).toMatchObject({ capacityKg: 24000, bodyType: "tautliner", originRadiusKm: 50, destRegion: "Ruhr" });
  });

  it("is a duplicate the second time, processed once", async () => {
    const c = await setup();
    const first = await post(c, EXAMPLE_ENVELOPE);
    await settle();
    const second = await post(c, EXAMPLE_ENVELOPE);
    expect(second.status).toBe(202);
    expect(second.json).toEqual({ messageId: first.json.messageId, status: "duplicate" });
    await settle();
    expect(await messageCount(c.connectionId)).toBe(1);
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: first.json.messageId } })).toMatchObject({ attempts: 1 });
    expect(await db.position.count({ where: { companyId: c.companyId } })).toBe(1);
  });
});

describe("signatures", () => {
  it("refuses a wrong or missing signature, storing nothing", async () => {
    const c = await setup();
    const wrong = await post(c, EXAMPLE_ENVELOPE, { sign: false, headers: { "x-betakom-signature": "0".repeat(64) } });
    expect(wrong).toMatchObject({ status: 401, json: { error: { code: "invalid_signature" } } });
    const missing = await post(c, EXAMPLE_ENVELOPE, { sign: false });
    expect(missing).toMatchObject({ status: 401, json: { error: { code: "invalid_signature" } } });
    const otherSecret = await post({ ...c, secret: "whsec_someone-else" }, EXAMPLE_ENVELOPE);
    expect(otherSecret.status).toBe(401);
    expect(await messageCount(c.connectionId)).toBe(0);
  });

  it("accepts a sha256= prefix and upper-case hex", async () => {
    const c = await setup();
    const raw = JSON.stringify({ positions: [] });
    const response = await post(c, raw, { sign: false, headers: { "x-betakom-signature": `sha256=${signBody({ body: raw, secret: c.secret }).toUpperCase()}` } });
    expect(response.status).toBe(202);
  });

  it("accepts the previous secret within its grace and records it, not after", async () => {
    const c = await setup();
    const { secret: newSecret } = await rotateSecret({ actor: c.admin, connectionId: c.connectionId, grace: "1h" });
    const old = await post(c, { positions: [], note: "old" });
    expect(old.status).toBe(202);
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: old.json.messageId } })).toMatchObject({ signatureVariant: "previous" });
    const current = await post({ ...c, secret: newSecret }, { positions: [], note: "new" });
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: current.json.messageId } })).toMatchObject({ signatureVariant: "current" });

    // A rotation two hours ago with a one-hour grace: the old secret has stopped.
    const d = await setup();
    await rotateSecret({ actor: d.admin, connectionId: d.connectionId, grace: "1h", now: new Date(Date.now() - 2 * 3_600_000) });
    expect((await post(d, { positions: [] })).status).toBe(401);
  });

  it("checks timestamped signatures against a 5-minute tolerance", async () => {
    const c = await setup();
    const raw = JSON.stringify({ positions: [] });
    const at = (offsetSeconds: number) => Math.floor(Date.now() / 1000) + offsetSeconds;
    const send = (ts: number, signedTs = ts) =>
      post(c, raw, { sign: false, headers: { "x-betakom-timestamp": String(ts), "x-betakom-signature": signBody({ body: raw, secret: c.secret, timestamp: signedTs }) } });
    const inside = await send(at(-240));
    expect(inside.status).toBe(202);
    expect((await db.inboundMessage.findUniqueOrThrow({ where: { id: inside.json.messageId } })).signedTimestamp).not.toBeNull();
    expect(await send(at(-301))).toMatchObject({ status: 401, json: { error: { code: "timestamp_out_of_tolerance" } } });
    expect(await send(at(400))).toMatchObject({ status: 401, json: { error: { code: "timestamp_out_of_tolerance" } } });
    // The timestamp is part of what is signed.
    expect(await send(at(0), at(-10))).toMatchObject({ status: 401, json: { error: { code: "invalid_signature" } } });
  });

  it("refuses body-only signatures when the connection requires timestamps", async () => {
    const c = await setup();
    await updateConnectionSettings({ actor: c.admin, connectionId: c.connectionId, changes: { requireTimestamp: true } });
    expect(await post(c, { positions: [] })).toMatchObject({ status: 401, json: { error: { code: "invalid_signature", message: expect.stringContaining("requires timestamped") } } });
  });
});

describe("routing and state", () => {
  it("answers 404 alike for an unknown token, a wrong connector and a deleted connection", async () => {
    const c = await setup();
    const unknown = await post(c, { positions: [] }, { path: c.path.replace(/[^/]+$/, "x".repeat(43)) });
    const wrongConnector = await post(c, { positions: [] }, { path: c.path.replace("inbound-webhook", "geotab") });
    await deleteConnection({ actor: c.admin, connectionId: c.connectionId, confirmName: "Feed" });
    const deleted = await post(c, { positions: [] });
    for (const r of [unknown, wrongConnector, deleted]) expect(r).toEqual({ status: 404, headers: expect.anything(), json: { error: { code: "not_found", message: "Not found." } } });
  });

  it("answers 403 for a paused connection", async () => {
    const c = await setup();
    await setConnectionStatus({ actor: c.admin, connectionId: c.connectionId, status: "paused" });
    expect(await post(c, EXAMPLE_ENVELOPE)).toMatchObject({ status: 403, json: { error: { code: "connection_paused" } } });
    expect(await messageCount(c.connectionId)).toBe(0);
  });

  it("refuses bodies over 1 MiB, declared or streamed", async () => {
    const c = await setup();
    const big = `{"positions":[],"pad":"${"x".repeat(1024 * 1024 + 1 - 25)}"}`;
    expect(Buffer.byteLength(big)).toBe(1024 * 1024 + 1);
    expect(await post(c, big)).toMatchObject({ status: 413, json: { error: { code: "payload_too_large" } } });
    // A stream body goes out chunked, without content-length: the limit is enforced while reading.
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(32));
        controller.close();
      },
    });
    const response = await fetch(`${frontDoor.origin}${c.path}`, { method: "POST", body: chunked, duplex: "half", headers: { "x-betakom-signature": "0".repeat(64) } } as RequestInit);
    expect(response.status).toBe(413);
    expect(await messageCount(c.connectionId)).toBe(0);
  });

  it("answers 400 for a body that is not a JSON object", async () => {
    const c = await setup();
    expect(await post(c, "{not json")).toMatchObject({ status: 400, json: { error: { code: "invalid_json" } } });
    expect(await post(c, "[1,2]")).toMatchObject({ status: 400, json: { error: { code: "invalid_json" } } });
    expect(await messageCount(c.connectionId)).toBe(0);
  });

  it("uses Idempotency-Key instead of the body, and refuses a key reused with another body", async () => {
    const c = await setup();
    const first = await post(c, { positions: [], n: 1 }, { headers: { "idempotency-key": "batch-1" } });
    const again = await post(c, { positions: [], n: 1 }, { headers: { "idempotency-key": "batch-1" } });
    expect(again.json).toEqual({ messageId: first.json.messageId, status: "duplicate" });
    expect(await post(c, { positions: [], n: 2 }, { headers: { "idempotency-key": "batch-1" } })).toMatchObject({ status: 409, json: { error: { code: "idempotency_key_reused" } } });
    expect(await messageCount(c.connectionId)).toBe(1);
  });

  it("rate-limits per connection with Retry-After", async () => {
    const c = await setup();
    await updateConnectionSettings({ actor: c.admin, connectionId: c.connectionId, changes: { rateLimitPerSecond: 0.5, rateLimitBurst: 2 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await post(c, { positions: [], i }));
    expect(statuses.map((s) => s.status)).toEqual([202, 202, 429]);
    expect(statuses[2]?.json.error.code).toBe("rate_limited");
    expect(Number(statuses[2]?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const other = await setup();
    expect((await post(other, { positions: [] })).status).toBe(202);
  });

  it("answers 503 with Retry-After and stores nothing when the database fails during landing", async () => {
    const c = await setup();
    await settle();
    await db.$executeRawUnsafe(`ALTER TABLE inbound_messages RENAME TO inbound_messages_offline`);
    try {
      const response = await post(c, EXAMPLE_ENVELOPE);
      expect(response).toMatchObject({ status: 503, json: { error: { code: "database_unavailable" } } });
      expect(response.headers.get("retry-after")).toBe("5");
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE inbound_messages_offline RENAME TO inbound_messages`);
    }
    expect(await messageCount(c.connectionId)).toBe(0);
    expect(await db.inboundDedupe.count({ where: { connectionId: c.connectionId } })).toBe(0);
    // The sender's retry then lands it.
    expect((await post(c, EXAMPLE_ENVELOPE)).json.status).toBe("accepted");
  });
});

describe("processing", () => {
  it("drops malformed entries with their codes and keeps the good ones", async () => {
    const c = await setup();
    const response = await post(c, {
      positions: [
        { externalUnitId: "A", at: "2026-07-01T10:00:00Z", lat: 50, lng: 8 },
        { externalUnitId: "A", at: "2026-07-01T10:01:00Z", lat: 0, lng: 0 },
        { externalUnitId: "", at: "2026-07-01T10:02:00Z", lat: 50, lng: 8 },
        { externalUnitId: "A", at: "2026-07-01T10:03:00Z", lat: 50, lng: 8, speedKmh: 999 },
      ],
      plans: [{ externalUnitId: "A", externalPlanId: "P1", legs: [{ seq: 0, kind: "fly" }] }],
      availability: "none",
    });
    await settle();
    const message = await db.inboundMessage.findUniqueOrThrow({ where: { id: response.json.messageId }, include: { issues: { orderBy: { id: "asc" } } } });
    expect(message.issues.map((i) => [i.severity, i.section, i.entryIndex, i.reason])).toEqual([
      ["dropped", "positions", 1, "zero_coordinates"],
      ["dropped", "positions", 2, "missing_field"],
      ["warning", "positions", 3, "out_of_range"],
      ["dropped", "plans", 0, "invalid_value"],
      ["dropped", "availability", null, "invalid_type"],
    ]);
    expect(message.counts).toMatchObject({ positions: { received: 4, accepted: 2, dropped: 2 }, plans: { received: 1, accepted: 0, dropped: 1 }, availability: { dropped: 1 } });
    expect(message).toMatchObject({ acceptedTotal: 2, droppedTotal: 4, warningTotal: 1 });
    expect(await db.position.count({ where: { companyId: c.companyId } })).toBe(2);
  });

  it("keeps the latest position when a late fix arrives", async () => {
    const c = await setup();
    await post(c, { positions: [{ externalUnitId: "L", at: "2026-07-01T12:00:00Z", lat: 50, lng: 8 }] });
    await settle();
    await post(c, { positions: [{ externalUnitId: "L", at: "2026-07-01T11:00:00Z", lat: 51, lng: 9, driverName: "Late" }] });
    await settle();
    const unit = await db.unit.findFirstOrThrow({ where: { companyId: c.companyId, externalUnitId: "L" } });
    expect(unit).toMatchObject({ latestAt: new Date("2026-07-01T12:00:00Z"), latestLat: 50, latestLng: 8, driverName: null });
    expect(await db.position.count({ where: { unitId: unit.id } })).toBe(2);
  });

  it("drops a plan read earlier than the stored one as stale_plan", async () => {
    const c = await setup();
    const plan = (sourceFetchedAt: string, status: string) => ({ plans: [{ externalUnitId: "S", externalPlanId: "T-1", status, sourceFetchedAt }] });
    await post(c, plan("2026-07-01T10:00:00Z", "in_progress"));
    await settle();
    const stale = await post(c, plan("2026-07-01T09:00:00Z", "cancelled"));
    await settle();
    expect(await db.plan.findFirstOrThrow({ where: { companyId: c.companyId, externalPlanId: "T-1" } })).toMatchObject({ status: "in_progress" });
    const issues = await db.ingestIssue.findMany({ where: { messageId: stale.json.messageId } });
    expect(issues.map((i) => i.reason)).toEqual(["stale_plan"]);
  });

  it("leaves identical state when a message is processed twice", async () => {
    const c = await setup();
    const response = await post(c, { ...EXAMPLE_ENVELOPE, availability: [...EXAMPLE_ENVELOPE.availability, { availableFrom: "2026-07-04T00:00:00Z" }] });
    await settle();
    const once = await fleetSnapshot(c.companyId);
    await db.inboundMessage.update({ where: { id: response.json.messageId }, data: { status: "received" } });
    forgetNormalizedMessage(response.json.messageId);
    await processMessage({ messageId: response.json.messageId, runStep: (_id, work) => work() });
    expect(await fleetSnapshot(c.companyId)).toEqual(once);
  });

  it("reaches the same state when a step fails once and the run is retried", async () => {
    const clean = await setup();
    const faulty = await setup();
    await settle();
    const body = { ...EXAMPLE_ENVELOPE, positions: [...EXAMPLE_ENVELOPE.positions, { externalUnitId: "TRK-9", at: "2026-07-01T09:00:00Z", lat: 52.5, lng: 13.4 }] };
    await post(clean, body);
    await settle();

    await db.$executeRawUnsafe(`ALTER TABLE plan_legs RENAME TO plan_legs_offline`);
    const landed = await post(faulty, body);
    try {
      // The first attempt fails at upsert-plans, after positions were written; the retry comes after a back-off.
      for (let i = 0; i < 100; i++) {
        const m = await db.inboundMessage.findUnique({ where: { id: landed.json.messageId } });
        if (m?.lastError) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE plan_legs_offline RENAME TO plan_legs`);
    }
    await settle();
    const message = await db.inboundMessage.findUniqueOrThrow({ where: { id: landed.json.messageId } });
    expect(message).toMatchObject({ status: "processed", attempts: 2, lastError: null });

    const strip = (s: Awaited<ReturnType<typeof fleetSnapshot>>) =>
      JSON.parse(JSON.stringify(s, (key, value) => (["id", "companyId", "unitId", "planId", "messageId", "latestMessageId", "createdAt", "receivedAt", "updatedAt"].includes(key) ? undefined : value)));
    expect(strip(await fleetSnapshot(faulty.companyId))).toEqual(strip(await fleetSnapshot(clean.companyId)));
  });
});
