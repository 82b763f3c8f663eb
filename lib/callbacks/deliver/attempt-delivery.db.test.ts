// Deliveries against real HTTP receivers on loopback: signatures checked with standardwebhooks (an
// independent implementation) and plain HMAC, the schedule driven by a controllable clock.
import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sealSecret } from "@/lib/crypto/secret-box";
import { createFrontDoorConnection } from "@/lib/test/front-door-client";
import { insertTestEndpoint } from "@/lib/test/callback-endpoints";
import { guardedTransport, loopbackTransport, startCallbackReceiver, type TReceived } from "@/lib/test/callback-receiver";
import { endpointSecretContext } from "@/lib/callbacks/endpoints/endpoint-secret-context";
import { emitEvents, type TNewEvent } from "@/lib/callbacks/events/emit-events";
import { attemptDelivery } from "./attempt-delivery";
import { claimDueDeliveries } from "./claim-due-deliveries";
import { releaseHeldDeliveries } from "./release-held-deliveries";
import { runClaimedAttempts } from "./run-claimed-attempts";

const receiver = await startCallbackReceiver();
const transport = loopbackTransport();
afterAll(() => receiver.close());

const setup = async (endpoint: { path?: string; status?: "active" | "paused" } = {}) => {
  const ctx = await createFrontDoorConnection();
  const path = endpoint.path ?? `/${Math.random().toString(36).slice(2)}`;
  const ep = await insertTestEndpoint({ companyId: ctx.companyId, connectionId: ctx.connectionId, url: receiver.url(path), status: endpoint.status });
  return { ...ctx, endpoint: ep, path };
};

const emit = async (ctx: { companyId: string; connectionId: string }, over: Partial<TNewEvent> = {}) => {
  const emitted = await db.$transaction((tx) => emitEvents({ tx, events: [{ companyId: ctx.companyId, connectionId: ctx.connectionId, eventName: "plans.plan.created", objectId: "TOUR-42", occurredAt: new Date("2026-07-01T10:00:00Z"), data: { plan: { externalPlanId: "TOUR-42" } }, ...over }] }));
  return { eventId: emitted.eventIds[0]!, deliveryIds: emitted.deliveryIds };
};

const at = (path: string) => receiver.received.filter((r) => r.path === path);
const answer = (path: string, respond: (r: TReceived, res: import("node:http").ServerResponse) => void) => {
  const previous = receiver;
  previous.answerWith((r, res) => (r.path === path ? respond(r, res) : void res.writeHead(200).end("ok")));
};

describe("attemptDelivery", () => {
  it("sends the stored body signed for standardwebhooks and plain HMAC, and records a success", async () => {
    const ctx = await setup();
    const { eventId, deliveryIds } = await emit(ctx);
    const outcome = await attemptDelivery({ deliveryId: deliveryIds[0]!, trigger: "scheduled", transport });
    expect(outcome).toMatchObject({ succeeded: true, httpStatus: 200, status: "succeeded", nextAttemptAt: null, errorCode: null });
    const [request] = at(ctx.path);
    const stored = await db.callbackEvent.findUniqueOrThrow({ where: { id: eventId } });
    expect(request!.body).toBe(stored.body);
    expect(new Webhook(ctx.endpoint.secret).verify(request!.body, request!.headers as Record<string, string>)).toEqual(JSON.parse(stored.body));
    const hmac = createHmac("sha256", Buffer.from(ctx.endpoint.secret.slice("whsec_".length), "base64")).update(request!.body).digest("hex");
    expect(request!.headers["x-betakom-signature"]).toBe(hmac);
    expect(request!.headers).toMatchObject({ "webhook-id": eventId, "x-betakom-event": "plans.plan.created", "x-betakom-delivery": deliveryIds[0], "x-betakom-attempt": "1", "content-type": "application/json" });
    const attempts = await db.callbackAttempt.findMany({ where: { deliveryId: deliveryIds[0] } });
    expect(attempts).toMatchObject([{ attempt: 1, trigger: "scheduled", httpStatus: 200, succeeded: true, responseExcerpt: "ok" }]);
  });

  it("retries on the schedule with the same webhook-id until exhausted, and never before an attempt is due", async () => {
    const ctx = await setup();
    answer(ctx.path, (_r, res) => void res.writeHead(500).end("x".repeat(10_000)));
    const { eventId, deliveryIds } = await emit(ctx);
    const deliveryId = deliveryIds[0]!;
    let now = new Date();
    const expectedDelays = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
    for (let n = 1; n <= 8; n++) {
      const outcome = await attemptDelivery({ deliveryId, trigger: "scheduled", now, random: () => 0.5, transport });
      expect(outcome.httpStatus).toBe(500);
      if (n < 8) {
        expect(outcome).toMatchObject({ status: "failed", errorCode: "http_error" });
        expect(outcome.nextAttemptAt!.getTime() - now.getTime()).toBe(expectedDelays[n - 1]);
        // A millisecond early: not due, nothing sent.
        const early = await attemptDelivery({ deliveryId, trigger: "scheduled", now: new Date(outcome.nextAttemptAt!.getTime() - 1), transport });
        expect(early).toMatchObject({ errorCode: "not_due", succeeded: false });
        now = outcome.nextAttemptAt!;
      } else {
        expect(outcome).toMatchObject({ status: "exhausted", nextAttemptAt: null });
      }
    }
    const requests = at(ctx.path);
    expect(requests).toHaveLength(8);
    expect(new Set(requests.map((r) => r.headers["webhook-id"]))).toEqual(new Set([eventId]));
    expect(requests.map((r) => r.headers["x-betakom-attempt"])).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    const attempts = await db.callbackAttempt.findMany({ where: { deliveryId }, orderBy: { attempt: "asc" } });
    expect(attempts).toHaveLength(8);
    expect(Buffer.byteLength(attempts[0]!.responseExcerpt!)).toBe(4096);
    // Exhausted: the schedule does not send again.
    expect((await attemptDelivery({ deliveryId, trigger: "scheduled", now: new Date(now.getTime() + 86_400_000), transport })).errorCode).toBe("not_due");
  });

  it("disables the endpoint on 410 Gone and does not retry", async () => {
    const ctx = await setup();
    answer(ctx.path, (_r, res) => void res.writeHead(410).end());
    const { deliveryIds } = await emit(ctx);
    const outcome = await attemptDelivery({ deliveryId: deliveryIds[0]!, trigger: "scheduled", transport });
    expect(outcome).toMatchObject({ status: "failed", nextAttemptAt: null, errorCode: "gone", httpStatus: 410 });
    expect(await db.callbackEndpoint.findUniqueOrThrow({ where: { id: ctx.endpoint.id } })).toMatchObject({ status: "disabled", disabledReason: "gone" });
    expect(await db.connectionAuditEvent.findMany({ where: { connectionId: ctx.connectionId, action: "callback_endpoint_disabled" } })).toMatchObject([{ actorId: null, actorName: "Carrier portal" }]);
    // Later events are held, not sent.
    const next = await emit(ctx, { objectId: "TOUR-43" });
    expect(await db.callbackDelivery.findUniqueOrThrow({ where: { id: next.deliveryIds[0] } })).toMatchObject({ status: "held" });
  });

  it("honours 429 with Retry-After within [scheduled delay, twice it] and at least 60 s", async () => {
    const ctx = await setup();
    answer(ctx.path, (_r, res) => void res.writeHead(429, { "retry-after": "420" }).end());
    const { deliveryIds } = await emit(ctx);
    const now = new Date();
    const first = await attemptDelivery({ deliveryId: deliveryIds[0]!, trigger: "scheduled", now, random: () => 0.5, transport });
    // Scheduled 5 s, Retry-After clamped to 10 s, then the 60 s floor after a 429.
    expect(first.nextAttemptAt!.getTime() - now.getTime()).toBe(60_000);
    const second = await attemptDelivery({ deliveryId: deliveryIds[0]!, trigger: "scheduled", now: first.nextAttemptAt!, random: () => 0.5, transport });
    expect(second.nextAttemptAt!.getTime() - first.nextAttemptAt!.getTime()).toBe(420_000);
  });

  it("does not follow a redirect: a failure with its location kept", async () => {
    const ctx = await setup();
    answer(ctx.path, (_r, res) => void res.writeHead(302, { location: receiver.url("/elsewhere") }).end());
    const { deliveryIds } = await emit(ctx);
    const outcome = await attemptDelivery({ deliveryId: deliveryIds[0]!, trigger: "scheduled", transport });
    expect(outcome).toMatchObject({ succeeded: false, httpStatus: 302, errorCode: "redirect", status: "failed" });
    expect((await db.callbackAttempt.findFirstOrThrow({ where: { deliveryId: deliveryIds[0] } })).location).toBe(receiver.url("/elsewhere"));
    expect(at("/elsewhere")).toHaveLength(0);
  });

  it("times out a receiver that does not answer, and waits at least 60 s before the next attempt", async () => {
    const ctx = await setup();
    answer(ctx.path, () => undefined);
    const { deliveryIds } = await emit(ctx);
    const now = new Date();
    const outcome = await attemptDelivery({ deliveryId: deliveryIds[0]!, trigger: "scheduled", now, random: () => 0.5, transport: loopbackTransport({ timeoutMs: 300 }) });
    expect(outcome).toMatchObject({ errorCode: "timeout", status: "failed", httpStatus: null });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(250);
    expect(outcome.nextAttemptAt!.getTime() - now.getTime()).toBe(60_000);
  });

  it("refuses a private address with the allow-list empty (final, not retried) and sends with it set", async () => {
    const ctx = await setup();
    const blocked = await emit(ctx);
    const outcome = await attemptDelivery({ deliveryId: blocked.deliveryIds[0]!, trigger: "scheduled", transport: guardedTransport() });
    expect(outcome).toMatchObject({ errorCode: "blocked_address", status: "blocked", nextAttemptAt: null });
    expect(outcome.errorMessage).toContain("OUTBOUND_ALLOWED_CIDRS");
    expect(at(ctx.path)).toHaveLength(0);
    const allowed = await emit(ctx, { objectId: "TOUR-2" });
    expect((await attemptDelivery({ deliveryId: allowed.deliveryIds[0]!, trigger: "scheduled", transport })).status).toBe("succeeded");
  });

  it("signs with both secrets during a rotation overlap, each verifying alone, and with one after it", async () => {
    const ctx = await setup();
    const previous = `whsec_${Buffer.alloc(32, 3).toString("base64")}`;
    await db.callbackEndpoint.update({ where: { id: ctx.endpoint.id }, data: { previousSecretCiphertext: sealSecret({ plaintext: previous, context: endpointSecretContext(ctx.endpoint.id) }), previousSecretExpiresAt: new Date(Date.now() + 3_600_000) } });
    const { deliveryIds } = await emit(ctx);
    await attemptDelivery({ deliveryId: deliveryIds[0]!, trigger: "scheduled", transport });
    const [request] = at(ctx.path);
    expect(String(request!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    for (const secret of [ctx.endpoint.secret, previous]) expect(() => new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>)).not.toThrow();
    await db.callbackEndpoint.update({ where: { id: ctx.endpoint.id }, data: { previousSecretExpiresAt: new Date(Date.now() - 1) } });
    const later = await emit(ctx, { objectId: "TOUR-9" });
    await attemptDelivery({ deliveryId: later.deliveryIds[0]!, trigger: "scheduled", transport });
    expect(String(at(ctx.path)[1]!.headers["webhook-signature"]).split(" ")).toHaveLength(1);
  });

  it("obeys webhook-delivery: abort-message (this delivery stops) and disable (the endpoint stops)", async () => {
    const ctx = await setup();
    answer(ctx.path, (r, res) => void res.writeHead(503, { "webhook-delivery": r.headers["x-betakom-event"] === "plans.plan.created" ? "abort-message" : "disable" }).end());
    const aborted = await emit(ctx);
    expect(await attemptDelivery({ deliveryId: aborted.deliveryIds[0]!, trigger: "scheduled", transport })).toMatchObject({ status: "aborted", nextAttemptAt: null });
    expect((await db.callbackEndpoint.findUniqueOrThrow({ where: { id: ctx.endpoint.id } })).status).toBe("active");
    const disabling = await emit(ctx, { eventName: "plans.plan.updated" });
    const outcome = await attemptDelivery({ deliveryId: disabling.deliveryIds[0]!, trigger: "scheduled", transport });
    // Its retry waits, held, for the endpoint to be enabled again.
    expect(outcome).toMatchObject({ status: "held", nextAttemptAt: null });
    expect(await db.callbackEndpoint.findUniqueOrThrow({ where: { id: ctx.endpoint.id } })).toMatchObject({ status: "disabled", disabledReason: "receiver_disable" });
  });

  it("notices the 4th failure in a row, disables after 5 days of failures, and notices a recovery", async () => {
    const ctx = await setup();
    answer(ctx.path, (_r, res) => void res.writeHead(500).end("down"));
    // A little ahead of the wall clock, so every delivery emitted below is already due.
    const start = new Date(Date.now() + 60_000);
    const audits = async () => (await db.connectionAuditEvent.findMany({ where: { connectionId: ctx.connectionId, action: { in: ["callback_endpoint_failing", "callback_endpoint_disabled", "callback_endpoint_recovered"] } }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    for (let n = 0; n < 4; n++) {
      const { deliveryIds } = await emit(ctx, { objectId: `T-${n}` });
      await attemptDelivery({ deliveryId: deliveryIds[0]!, trigger: "scheduled", now: new Date(start.getTime() + n * 3_600_000), transport });
    }
    expect(await audits()).toEqual(["callback_endpoint_failing"]);
    expect(await db.callbackEndpoint.findUniqueOrThrow({ where: { id: ctx.endpoint.id } })).toMatchObject({ status: "active", consecutiveFailures: 4, failingSince: start, lastError: "HTTP 500" });
    // Recovery after the notice.
    answer(ctx.path, (_r, res) => void res.writeHead(204).end());
    const ok = await emit(ctx, { objectId: "T-ok" });
    await attemptDelivery({ deliveryId: ok.deliveryIds[0]!, trigger: "scheduled", transport });
    expect(await audits()).toEqual(["callback_endpoint_failing", "callback_endpoint_recovered"]);
    expect(await db.callbackEndpoint.findUniqueOrThrow({ where: { id: ctx.endpoint.id } })).toMatchObject({ consecutiveFailures: 0, failingSince: null });
    // A new streak: failing for just under 5 days keeps it; at 5 days it is disabled, with its last error.
    answer(ctx.path, (_r, res) => void res.writeHead(502).end());
    const t0 = new Date(start.getTime() + 86_400_000);
    const waiting = await emit(ctx, { objectId: "T-wait" });
    for (const [i, offset] of [0, 5 * 86_400_000 - 1, 5 * 86_400_000].entries()) {
      const { deliveryIds } = await emit(ctx, { objectId: `S-${i}` });
      await attemptDelivery({ deliveryId: deliveryIds[0]!, trigger: "scheduled", now: new Date(t0.getTime() + offset), transport });
      if (i === 1) expect((await db.callbackEndpoint.findUniqueOrThrow({ where: { id: ctx.endpoint.id } })).status).toBe("active");
    }
    expect(await db.callbackEndpoint.findUniqueOrThrow({ where: { id: ctx.endpoint.id } })).toMatchObject({ status: "disabled", disabledReason: "failing", lastError: "HTTP 502" });
    expect((await audits()).at(-1)).toBe("callback_endpoint_disabled");
    // What was waiting is held now, not lost.
    expect((await db.callbackDelivery.findUniqueOrThrow({ where: { id: waiting.deliveryIds[0] } })).status).toBe("held");
  });

  it("holds deliveries while the endpoint is paused and sends them once released", async () => {
    const ctx = await setup();
    const { deliveryIds } = await emit(ctx);
    await db.callbackEndpoint.update({ where: { id: ctx.endpoint.id }, data: { status: "paused" } });
    expect(await attemptDelivery({ deliveryId: deliveryIds[0]!, trigger: "scheduled", transport })).toMatchObject({ status: "held", errorCode: "endpoint_paused" });
    expect(at(ctx.path)).toHaveLength(0);
    await db.$transaction(async (tx) => {
      await tx.callbackEndpoint.update({ where: { id: ctx.endpoint.id }, data: { status: "active" } });
      expect(await releaseHeldDeliveries({ tx, endpointId: ctx.endpoint.id })).toEqual({ released: 1 });
    });
    expect(await attemptDelivery({ deliveryId: deliveryIds[0]!, trigger: "scheduled", transport })).toMatchObject({ status: "succeeded" });
    expect(at(ctx.path)).toHaveLength(1);
  });

  it("sends once when two dispatchers race for the same due deliveries", async () => {
    const ctx = await setup();
    const emitted = await Promise.all(Array.from({ length: 20 }, (_, i) => emit(ctx, { objectId: `R-${i}` })));
    const [a, b] = await Promise.all([claimDueDeliveries({ limit: 15, leaseMs: 60_000 }), claimDueDeliveries({ limit: 15, leaseMs: 60_000 })]);
    const ours = new Set(emitted.flatMap((e) => e.deliveryIds));
    const claimed = [...a!, ...b!].filter((c) => ours.has(c.deliveryId));
    expect(new Set(claimed.map((c) => c.deliveryId)).size).toBe(claimed.length);
    await Promise.all([runClaimedAttempts({ claims: a!, trigger: "scheduled", transport }), runClaimedAttempts({ claims: b!, trigger: "scheduled", transport })]);
    // And a single attempt racing itself: one wins, the other finds it in progress or done.
    const single = await emit(ctx, { objectId: "R-single" });
    const both = await Promise.all([0, 1].map(() => attemptDelivery({ deliveryId: single.deliveryIds[0]!, trigger: "scheduled", transport })));
    expect(both.filter((o) => o.succeeded)).toHaveLength(1);
    const ids = at(ctx.path).map((r) => r.headers["x-betakom-delivery"]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("signs a message's own callback_url delivery with the connection's inbound secret", async () => {
    const ctx = await createFrontDoorConnection();
    const { eventId, deliveryIds } = await emit(ctx, { callbackUrl: receiver.url("/own-url") });
    expect(await attemptDelivery({ deliveryId: deliveryIds[0]!, trigger: "scheduled", transport })).toMatchObject({ status: "succeeded" });
    const [request] = at("/own-url").filter((r) => r.headers["webhook-id"] === eventId);
    expect(new Webhook(Buffer.from(ctx.secret, "utf8").toString("base64")).verify(request!.body, request!.headers as Record<string, string>)).toBeDefined();
    expect(request!.headers["x-betakom-signature"]).toBe(createHmac("sha256", ctx.secret).update(request!.body).digest("hex"));
  });
});
