import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createFrontDoorConnection } from "@/lib/test/front-door-client";
import { insertTestEndpoint } from "@/lib/test/callback-endpoints";
import { emitEvents, type TNewEvent } from "./emit-events";

const setup = async () => {
  const { companyId, connectionId } = await createFrontDoorConnection();
  return { companyId, connectionId };
};

const event = (base: { companyId: string; connectionId: string }, over: Partial<TNewEvent> = {}): TNewEvent => ({
  ...base, eventName: "plans.plan.created", objectId: "TOUR-42", occurredAt: new Date("2026-07-01T10:00:00Z"), data: { plan: { externalPlanId: "TOUR-42" } }, ...over,
});

describe("emitEvents", () => {
  it("stores the event once with its body and one delivery per matching endpoint (held when paused)", async () => {
    const ctx = await setup();
    const all = await insertTestEndpoint(ctx);
    const plansOnly = await insertTestEndpoint({ ...ctx, eventTypes: ["plans.plan.created"] });
    const offersOnly = await insertTestEndpoint({ ...ctx, eventTypes: ["availability.offer.created"] });
    const paused = await insertTestEndpoint({ ...ctx, status: "paused" });
    const emitted = await db.$transaction((tx) => emitEvents({ tx, events: [event(ctx, { dedupeKey: "k1" })] }));
    expect(emitted.eventIds).toHaveLength(1);
    const deliveries = await db.callbackDelivery.findMany({ where: { eventId: emitted.eventIds[0] } });
    expect(deliveries.map((d) => d.endpointId).sort()).toEqual([all.id, plansOnly.id, paused.id].sort());
    expect(deliveries.find((d) => d.endpointId === paused.id)?.status).toBe("held");
    expect(deliveries.filter((d) => d.status === "pending")).toHaveLength(2);
    expect(deliveries.some((d) => d.endpointId === offersOnly.id)).toBe(false);
    const stored = await db.callbackEvent.findUniqueOrThrow({ where: { id: emitted.eventIds[0] } });
    const body = JSON.parse(stored.body);
    expect(Object.keys(body)).toEqual(["id", "event_id", "event_name", "occurred_at", "sequence", "data"]);
    expect(body).toMatchObject({ id: "TOUR-42", event_id: stored.id, event_name: "plans.plan.created", occurred_at: "2026-07-01T10:00:00.000Z", sequence: Number(stored.sequence) });
    // The same cause again emits nothing.
    const again = await db.$transaction((tx) => emitEvents({ tx, events: [event(ctx, { dedupeKey: "k1" })] }));
    expect(again).toEqual({ eventIds: [], deliveryIds: [] });
  });

  it("stores nothing without recipients, and a message's callback_url is a recipient of its own", async () => {
    const ctx = await setup();
    expect((await db.$transaction((tx) => emitEvents({ tx, events: [event(ctx)] }))).eventIds).toEqual([]);
    const withUrl = await db.$transaction((tx) => emitEvents({ tx, events: [event(ctx, { callbackUrl: "https://example.com/cb" })] }));
    const deliveries = await db.callbackDelivery.findMany({ where: { eventId: withUrl.eventIds[0] } });
    expect(deliveries).toMatchObject([{ endpointId: null, targetUrl: "https://example.com/cb", status: "pending" }]);
  });

  it("emits nothing when the transaction rolls back", async () => {
    const ctx = await setup();
    await insertTestEndpoint(ctx);
    await expect(db.$transaction(async (tx) => {
      await emitEvents({ tx, events: [event(ctx)] });
      throw new Error("the change failed");
    })).rejects.toThrow("the change failed");
    expect(await db.callbackEvent.count({ where: { connectionId: ctx.connectionId } })).toBe(0);
    expect(await db.callbackDelivery.count({ where: { connectionId: ctx.connectionId } })).toBe(0);
  });

  it("gives later events of an object a higher sequence and keeps bodies under 64 KB", async () => {
    const ctx = await setup();
    await insertTestEndpoint(ctx);
    const legs = Array.from({ length: 2000 }, (_, seq) => ({ seq, placeName: "x".repeat(40) }));
    const first = await db.$transaction((tx) => emitEvents({ tx, events: [event(ctx, { data: { plan: { legs } } })] }));
    const second = await db.$transaction((tx) => emitEvents({ tx, events: [event(ctx, { eventName: "plans.plan.updated" })] }));
    const [a, b] = await Promise.all([first, second].map((e) => db.callbackEvent.findUniqueOrThrow({ where: { id: e.eventIds[0] } })));
    expect(b!.sequence).toBeGreaterThan(a!.sequence);
    expect(Buffer.byteLength(a!.body)).toBeLessThan(64 * 1024);
    expect(JSON.parse(a!.body).data.plan).toMatchObject({ legsTruncated: true, legsTotal: 2000 });
  });
});
