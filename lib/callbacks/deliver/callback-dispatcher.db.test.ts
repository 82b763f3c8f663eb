// The in-process dispatcher: claims in batches, sends concurrently within the per-endpoint cap, records set-based.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createFrontDoorConnection } from "@/lib/test/front-door-client";
import { insertTestEndpoint } from "@/lib/test/callback-endpoints";
import { loopbackTransport, startCallbackReceiver } from "@/lib/test/callback-receiver";
import { emitEvents, type TNewEvent } from "@/lib/callbacks/events/emit-events";
import { kickCallbackDeliveries } from "./kick-callback-deliveries";
import { startCallbackDispatcher, stopCallbackDispatcher, whenCallbackDispatcherIdle } from "./start-callback-dispatcher";

const inFlight = new Map<string, number>();
const peak = new Map<string, number>();
const receiver = await startCallbackReceiver((request, response) => {
  const n = (inFlight.get(request.path) ?? 0) + 1;
  inFlight.set(request.path, n);
  peak.set(request.path, Math.max(peak.get(request.path) ?? 0, n));
  setTimeout(() => {
    inFlight.set(request.path, (inFlight.get(request.path) ?? 1) - 1);
    response.writeHead(200).end("ok");
  }, 5);
});
afterAll(async () => {
  await stopCallbackDispatcher();
  await receiver.close();
});

describe("the in-process callback dispatcher", () => {
  it("fans events out to endpoints by their filters and delivers each once, at most 10 in flight per endpoint", async () => {
    const ctx = await createFrontDoorConnection();
    const all = await insertTestEndpoint({ companyId: ctx.companyId, connectionId: ctx.connectionId, url: receiver.url("/all") });
    const plans = await insertTestEndpoint({ companyId: ctx.companyId, connectionId: ctx.connectionId, url: receiver.url("/plans"), eventTypes: ["plans.plan.created"] });
    await insertTestEndpoint({ companyId: ctx.companyId, connectionId: ctx.connectionId, url: receiver.url("/offers"), eventTypes: ["availability.offer.created"] });
    startCallbackDispatcher({ transport: loopbackTransport(), pollMaxMs: 200 });
    const events: TNewEvent[] = Array.from({ length: 300 }, (_, i) => ({
      companyId: ctx.companyId, connectionId: ctx.connectionId, eventName: i % 3 === 0 ? "plans.plan.updated" : "plans.plan.created", objectId: `TOUR-${i}`, occurredAt: new Date(), data: { i },
    }));
    const emitted = await db.$transaction((tx) => emitEvents({ tx, events }));
    await kickCallbackDeliveries();
    await whenCallbackDispatcherIdle();
    const seen = (path: string) => receiver.received.filter((r) => r.path === path).map((r) => r.headers["x-betakom-delivery"]);
    expect(seen("/all")).toHaveLength(300);
    expect(new Set(seen("/all")).size).toBe(300);
    expect(seen("/plans")).toHaveLength(200);
    expect(seen("/offers")).toHaveLength(0);
    expect(emitted.deliveryIds).toHaveLength(500);
    expect(await db.callbackDelivery.groupBy({ by: ["status"], where: { connectionId: ctx.connectionId }, _count: true })).toEqual([{ status: "succeeded", _count: 500 }]);
    expect(await db.callbackAttempt.count({ where: { delivery: { endpointId: { in: [all.id, plans.id] } } } })).toBe(500);
    expect(peak.get("/all")).toBeLessThanOrEqual(10);
    expect(peak.get("/all")).toBeGreaterThan(1);
  });

  it("aborts, without sending, the deliveries of an endpoint deleted before they were due", async () => {
    const ctx = await createFrontDoorConnection();
    const gone = await insertTestEndpoint({ companyId: ctx.companyId, connectionId: ctx.connectionId, url: receiver.url("/deleted") });
    await db.$transaction((tx) => emitEvents({ tx, events: [{ companyId: ctx.companyId, connectionId: ctx.connectionId, eventName: "plans.plan.created", objectId: "X", occurredAt: new Date(), data: {} }] }));
    await db.callbackEndpoint.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    await kickCallbackDeliveries();
    await whenCallbackDispatcherIdle();
    expect(receiver.received.filter((r) => r.path === "/deleted")).toHaveLength(0);
    expect((await db.callbackDelivery.findFirstOrThrow({ where: { endpointId: gone.id } })).status).toBe("aborted");
  });
});
