import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createFrontDoorConnection } from "@/lib/test/front-door-client";
import { insertTestEndpoint } from "@/lib/test/callback-endpoints";
import { emitEvents } from "@/lib/callbacks/events/emit-events";

const sent: { name: string; data: { deliveryId: string; endpointId: string | null }; id?: string }[] = [];
vi.mock("@/lib/env", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/env")>()), isInngestEnabled: () => true }));
vi.mock("@/inngest/client", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/inngest/client")>();
  return { ...actual, inngest: { send: async (events: typeof sent) => void sent.push(...events) } };
});

const { kickCallbackDeliveries } = await import("./kick-callback-deliveries");
const { releaseHeldDeliveries } = await import("./release-held-deliveries");

describe("relaying deliveries to Inngest", () => {
  beforeEach(() => void sent.splice(0));

  it("sends each pending delivery once with its id as the event id, and a released one again with a new id", async () => {
    const ctx = await createFrontDoorConnection();
    const active = await insertTestEndpoint({ companyId: ctx.companyId, connectionId: ctx.connectionId });
    const paused = await insertTestEndpoint({ companyId: ctx.companyId, connectionId: ctx.connectionId, status: "paused" });
    const { deliveryIds } = await db.$transaction((tx) => emitEvents({ tx, events: [{ companyId: ctx.companyId, connectionId: ctx.connectionId, eventName: "plans.plan.created", objectId: "T", occurredAt: new Date(), data: {} }] }));
    expect(deliveryIds).toHaveLength(2);
    await kickCallbackDeliveries();
    const activeDelivery = await db.callbackDelivery.findFirstOrThrow({ where: { endpointId: active.id } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ name: "callbacks/delivery.created", data: { deliveryId: activeDelivery.id, endpointId: active.id }, id: activeDelivery.id });
    expect(activeDelivery.dispatchedAt).not.toBeNull();
    // A crash after commit loses nothing, and nothing is sent twice: the next relay (the cron) finds nothing new.
    await kickCallbackDeliveries();
    expect(sent).toHaveLength(1);
    // The held one goes out once released, under an event id of its own (Inngest drops a repeated id for 24 h).
    await db.$transaction(async (tx) => {
      await tx.callbackEndpoint.update({ where: { id: paused.id }, data: { status: "active" } });
      await releaseHeldDeliveries({ tx, endpointId: paused.id });
    });
    await kickCallbackDeliveries();
    const released = await db.callbackDelivery.findFirstOrThrow({ where: { endpointId: paused.id } });
    expect(sent[1]).toMatchObject({ data: { deliveryId: released.id, endpointId: paused.id } });
    expect(sent[1]!.id).toMatch(new RegExp(`^${released.id}-\\d+$`));
  });
});
