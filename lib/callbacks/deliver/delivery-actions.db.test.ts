// The functions the Callbacks UI calls: Resend, Recover failed since…, Send test event; company-scoped.
import { Webhook } from "standardwebhooks";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addUser } from "@/lib/test/factories";
import { createFrontDoorConnection } from "@/lib/test/front-door-client";
import { insertTestEndpoint } from "@/lib/test/callback-endpoints";
import { loopbackTransport, startCallbackReceiver } from "@/lib/test/callback-receiver";
import { emitEvents } from "@/lib/callbacks/events/emit-events";
import { attemptDelivery } from "./attempt-delivery";
import { recoverFailedDeliveries } from "./recover-failed-deliveries";
import { resendDelivery } from "./resend-delivery";
import { sendTestEvent } from "./send-test-event";

const receiver = await startCallbackReceiver();
const transport = loopbackTransport();
afterAll(() => receiver.close());

const setup = async (status: "active" | "paused" = "active") => {
  const ctx = await createFrontDoorConnection();
  const path = `/${Math.random().toString(36).slice(2)}`;
  const endpoint = await insertTestEndpoint({ companyId: ctx.companyId, connectionId: ctx.connectionId, url: receiver.url(path), status });
  const emit = async (objectId = "TOUR-42") => (await db.$transaction((tx) => emitEvents({ tx, events: [{ companyId: ctx.companyId, connectionId: ctx.connectionId, eventName: "plans.plan.created", objectId, occurredAt: new Date(), data: {} }] }))).deliveryIds[0]!;
  return { ...ctx, endpoint, path, emit, requests: () => receiver.received.filter((r) => r.path === path) };
};
const failing = (path: string) => receiver.answerWith((r, res) => void res.writeHead(r.path === path ? 500 : 200).end());
const healthy = () => receiver.answerWith((_r, res) => void res.writeHead(200).end("ok"));

describe("resendDelivery", () => {
  it("makes one manual attempt with the same webhook-id, outside the schedule; a success marks the delivery succeeded", async () => {
    const ctx = await setup();
    failing(ctx.path);
    const deliveryId = await ctx.emit();
    const first = await attemptDelivery({ deliveryId, trigger: "scheduled", transport });
    expect(first.status).toBe("failed");
    const manualFail = await resendDelivery({ actor: ctx.admin, deliveryId, transport });
    // A failed resend leaves the schedule where it was.
    expect(manualFail).toMatchObject({ succeeded: false, status: "failed", nextAttemptAt: first.nextAttemptAt });
    healthy();
    const manualOk = await resendDelivery({ actor: ctx.admin, deliveryId, transport });
    expect(manualOk).toMatchObject({ succeeded: true, status: "succeeded", httpStatus: 200 });
    const requests = ctx.requests();
    expect(new Set(requests.map((r) => r.headers["webhook-id"])).size).toBe(1);
    expect(requests.map((r) => r.headers["x-betakom-attempt"])).toEqual(["1", "2", "3"]);
    expect(await db.callbackAttempt.findMany({ where: { deliveryId }, orderBy: { attempt: "asc" }, select: { trigger: true } })).toEqual([{ trigger: "scheduled" }, { trigger: "manual" }, { trigger: "manual" }]);
    expect((await db.callbackDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).attempts).toBe(1);
  });

  it("is for admins of the delivery's company only", async () => {
    const ctx = await setup();
    const other = await createFrontDoorConnection();
    const deliveryId = await ctx.emit();
    await expect(resendDelivery({ actor: other.admin, deliveryId, transport })).rejects.toMatchObject({ code: "not_found" });
    const member = await addUser({ admin: ctx.admin, role: "member" });
    await expect(resendDelivery({ actor: member, deliveryId, transport })).rejects.toMatchObject({ code: "forbidden" });
    expect(ctx.requests()).toHaveLength(0);
  });
});

describe("recoverFailedDeliveries", () => {
  it("re-queues the endpoint's failed and exhausted deliveries since a time, restarting their schedule, and audits it", async () => {
    const ctx = await setup();
    failing(ctx.path);
    const old = await ctx.emit("OLD");
    const recent = await ctx.emit("NEW");
    const done = await ctx.emit("DONE");
    await db.callbackDelivery.update({ where: { id: old }, data: { createdAt: new Date(Date.now() - 3 * 86_400_000), status: "exhausted", attempts: 8, nextAttemptAt: null } });
    await attemptDelivery({ deliveryId: recent, trigger: "scheduled", transport });
    await db.callbackDelivery.update({ where: { id: recent }, data: { status: "exhausted", attempts: 8, nextAttemptAt: null } });
    await db.callbackDelivery.update({ where: { id: done }, data: { status: "succeeded" } });
    const other = await createFrontDoorConnection();
    await expect(recoverFailedDeliveries({ actor: other.admin, endpointId: ctx.endpoint.id, since: new Date(0) })).rejects.toMatchObject({ code: "not_found" });
    const since = new Date(Date.now() - 86_400_000);
    expect(await recoverFailedDeliveries({ actor: ctx.admin, endpointId: ctx.endpoint.id, since })).toEqual({ requeued: 1 });
    expect(await db.callbackDelivery.findUniqueOrThrow({ where: { id: recent } })).toMatchObject({ status: "pending", attempts: 0, dispatchedAt: null });
    expect(await db.callbackDelivery.findUniqueOrThrow({ where: { id: old } })).toMatchObject({ status: "exhausted" });
    expect(await db.callbackDelivery.findUniqueOrThrow({ where: { id: done } })).toMatchObject({ status: "succeeded" });
    expect(await db.connectionAuditEvent.findFirstOrThrow({ where: { connectionId: ctx.connectionId, action: "callback_deliveries_recovered" } })).toMatchObject({ actorId: ctx.admin.id, details: { requeued: "1", since: since.toISOString() } });
    healthy();
    expect(await attemptDelivery({ deliveryId: recent, trigger: "scheduled", transport })).toMatchObject({ status: "succeeded" });
  });
});

describe("sendTestEvent", () => {
  it("sends callbacks.endpoint.test through the real path and reports the attempt", async () => {
    const ctx = await setup();
    healthy();
    const outcome = await sendTestEvent({ actor: ctx.admin, endpointId: ctx.endpoint.id, transport });
    expect(outcome).toMatchObject({ succeeded: true, httpStatus: 200, status: "succeeded" });
    const [request] = ctx.requests();
    const body = new Webhook(ctx.endpoint.secret).verify(request!.body, request!.headers as Record<string, string>) as { event_name: string; id: string; data: { endpointId: string } };
    expect(body).toMatchObject({ event_name: "callbacks.endpoint.test", id: ctx.endpoint.id, data: { endpointId: ctx.endpoint.id } });
    expect(await db.callbackAttempt.findFirstOrThrow({ where: { deliveryId: outcome.deliveryId } })).toMatchObject({ trigger: "test", succeeded: true });
    expect(await db.connectionAuditEvent.count({ where: { connectionId: ctx.connectionId, action: "callback_test_sent" } })).toBe(1);
  });

  it("holds the test event for a paused endpoint and says so; another company's endpoint is not_found", async () => {
    const ctx = await setup("paused");
    expect(await sendTestEvent({ actor: ctx.admin, endpointId: ctx.endpoint.id, transport })).toMatchObject({ succeeded: false, status: "held", errorCode: "endpoint_paused" });
    expect(ctx.requests()).toHaveLength(0);
    const other = await createFrontDoorConnection();
    await expect(sendTestEvent({ actor: other.admin, endpointId: ctx.endpoint.id, transport })).rejects.toMatchObject({ code: "not_found" });
  });
});
