import { InngestTestEngine } from "@inngest/test";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { parseAllowedCidrs } from "@/lib/net/parse-allowed-cidrs";
import { createFrontDoorConnection } from "@/lib/test/front-door-client";
import { insertTestEndpoint } from "@/lib/test/callback-endpoints";
import { startCallbackReceiver } from "@/lib/test/callback-receiver";
import { emitEvents } from "@/lib/callbacks/events/emit-events";
import { deliverCallback } from "./deliver-callback";

// The process's guarded agent reads the allow-list once, when first used: let it reach this test's receivers.
const loopback = parseAllowedCidrs("127.0.0.0/8");
if (loopback.ok) env.OUTBOUND_ALLOWED_CIDRS = loopback.cidrs;

const receiver = await startCallbackReceiver();
afterAll(() => receiver.close());

const setup = async (status: "active" | "paused" = "active") => {
  const ctx = await createFrontDoorConnection();
  const path = `/${Math.random().toString(36).slice(2)}`;
  const endpoint = await insertTestEndpoint({ companyId: ctx.companyId, connectionId: ctx.connectionId, url: receiver.url(path), status });
  const { deliveryIds, eventIds } = await db.$transaction((tx) => emitEvents({ tx, events: [{ companyId: ctx.companyId, connectionId: ctx.connectionId, eventName: "plans.plan.created", objectId: "TOUR-42", occurredAt: new Date(), data: {} }] }));
  return { path, endpoint, deliveryId: deliveryIds[0]!, eventId: eventIds[0]!, requests: () => receiver.received.filter((r) => r.path === path) };
};
const event = (deliveryId: string, endpointId: string) => [{ name: "callbacks/delivery.created", data: { deliveryId, endpointId } }] as [{ name: string; data: { deliveryId: string; endpointId: string } }];

describe("deliver-callback (Inngest)", () => {
  it("is limited to 10 attempts at once per endpoint and cancelled when the endpoint is deleted", () => {
    const opts = (deliverCallback as unknown as { opts: Record<string, unknown> }).opts;
    expect(opts.concurrency).toEqual([{ key: "event.data.endpointId", limit: 10 }]);
    const [cancel] = opts.cancelOn as { event: string | { name: string }; if: string }[];
    expect(typeof cancel!.event === "string" ? cancel!.event : cancel!.event.name).toBe("callbacks/endpoint.deleted");
    expect(cancel!.if).toBe("async.data.endpointId == event.data.endpointId");
  });

  it("attempts in a step and ends on success", async () => {
    const ctx = await setup();
    receiver.answerWith((_r, res) => void res.writeHead(200).end("ok"));
    const { result, ctx: run } = await new InngestTestEngine({ function: deliverCallback }).execute({ events: event(ctx.deliveryId, ctx.endpoint.id) });
    expect(result).toMatchObject({ deliveryId: ctx.deliveryId, succeeded: true, status: "succeeded" });
    expect(run.step.run).toHaveBeenCalledWith("attempt-1", expect.any(Function));
    expect(ctx.requests()).toHaveLength(1);
  });

  it("returns a failed attempt as an outcome (no throw), sleeps until the next attempt, and retries with the same webhook-id", async () => {
    const ctx = await setup();
    receiver.answerWith((r, res) => void res.writeHead(r.path === ctx.path && ctx.requests().length === 1 ? 503 : 200).end());
    // Time passes during the sleep: the delivery is due when the run wakes.
    const wake = async () => void (await db.callbackDelivery.update({ where: { id: ctx.deliveryId }, data: { nextAttemptAt: new Date(Date.now() - 1) } }));
    const { result, ctx: run } = await new InngestTestEngine({ function: deliverCallback, steps: [{ id: "wait-1", handler: wake }] }).execute({ events: event(ctx.deliveryId, ctx.endpoint.id) });
    expect(result).toMatchObject({ succeeded: true, status: "succeeded" });
    expect(run.step.sleepUntil).toHaveBeenCalledWith("wait-1", expect.any(Date));
    const requests = ctx.requests();
    expect(requests.map((r) => r.headers["x-betakom-attempt"])).toEqual(["1", "2"]);
    expect(new Set(requests.map((r) => r.headers["webhook-id"]))).toEqual(new Set([ctx.eventId]));
    expect(await db.callbackAttempt.count({ where: { deliveryId: ctx.deliveryId } })).toBe(2);
  });

  it("ends without sending when the endpoint is paused: the delivery is held", async () => {
    const ctx = await setup();
    await db.callbackEndpoint.update({ where: { id: ctx.endpoint.id }, data: { status: "paused" } });
    const { result, ctx: run } = await new InngestTestEngine({ function: deliverCallback }).execute({ events: event(ctx.deliveryId, ctx.endpoint.id) });
    expect(result).toMatchObject({ status: "held", errorCode: "endpoint_paused" });
    expect(run.step.sleepUntil).not.toHaveBeenCalled();
    expect(ctx.requests()).toHaveLength(0);
  });
});
