import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { openSecret } from "@/lib/crypto/secret-box";
import { CALLBACK_EVENT_NAMES } from "@/lib/callbacks/catalogue";
import { emitEvents } from "@/lib/callbacks/events/emit-events";
import { createConnection } from "@/lib/integrations/create-connection";
import { deleteConnection } from "@/lib/integrations/delete-connection";
import { listAuditEvents } from "@/lib/integrations/list-audit-events";
import { addUser, createCompany } from "@/lib/test/factories";
import type { TActor } from "@/lib/users/types";
import { createEndpoint } from "./create-endpoint";
import { deleteEndpoint } from "./delete-endpoint";
import { endpointSecretContext } from "./endpoint-secret-context";
import { findDelivery } from "./find-delivery";
import { findEndpointView } from "./find-endpoint-view";
import { listDeliveries } from "./list-deliveries";
import { listEndpoints } from "./list-endpoints";
import { pauseEndpoint } from "./pause-endpoint";
import { resumeEndpoint } from "./resume-endpoint";
import { rotateEndpointSecret } from "./rotate-endpoint-secret";
import { summarizeCallbackHealth } from "./summarize-callback-health";
import { updateEndpoint } from "./update-endpoint";

const HOUR = 3_600_000;
const URL_OK = "https://receiver.example.com/hooks/betakom";

const setup = async () => {
  const { companyId, admin } = await createCompany();
  const member = await addUser({ admin, role: "member" });
  const { connectionId } = await createConnection({ actor: admin, name: "Dispatch", connector: "inbound-webhook" });
  return { companyId, admin, member, connectionId };
};

const add = (actor: TActor, connectionId: string, over: Partial<{ url: string; description: string; eventTypes: string[] }> = {}) =>
  createEndpoint({ actor, connectionId, input: { url: URL_OK, description: "TMS", eventTypes: [], ...over } });

const actionsOf = async (connectionId: string) => (await listAuditEvents({ companyId: (await db.connection.findUniqueOrThrow({ where: { id: connectionId } })).companyId, connectionId })).map((e) => e.action);

/** An event to the connection's endpoints through the real outbox; returns its delivery ids. */
const emit = async ({ companyId, connectionId, eventName = "plans.plan.created", objectId = "TOUR-42", now = new Date() }: { companyId: string; connectionId: string; eventName?: (typeof CALLBACK_EVENT_NAMES)[number]; objectId?: string; now?: Date }) =>
  (await db.$transaction((tx) => emitEvents({ tx, now, events: [{ companyId, connectionId, eventName, objectId, occurredAt: now, data: { n: objectId } }] }))).deliveryIds;

const attempt = (deliveryId: string, { succeeded, startedAt, httpStatus = succeeded ? 200 : 500 }: { succeeded: boolean; startedAt: Date; httpStatus?: number }) =>
  db.callbackAttempt.create({ data: { deliveryId, attempt: 1, trigger: "scheduled", startedAt, durationMs: 12, httpStatus, succeeded, responseExcerpt: succeeded ? "ok" : "boom", errorCode: succeeded ? null : "http_error" } });

describe("adding a callback endpoint", () => {
  it("returns a whsec_ secret once and stores it only sealed to the endpoint, with an audit entry", async () => {
    const { admin, connectionId } = await setup();
    const { endpointId, secret } = await add(admin, connectionId, { eventTypes: ["plans.plan.created", "inbound.message.processed", "plans.plan.created"] });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
    const row = await db.callbackEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    expect(JSON.stringify(row)).not.toContain(secret.slice(6, 30));
    expect(openSecret({ sealed: row.secretCiphertext, context: endpointSecretContext(endpointId) })).toBe(secret);
    // Sealed to this row: it does not open as another endpoint's.
    expect(() => openSecret({ sealed: row.secretCiphertext, context: endpointSecretContext("cbe_other") })).toThrow();
    // Catalogue order, each once.
    expect(row).toMatchObject({ url: URL_OK, description: "TMS", eventTypes: ["inbound.message.processed", "plans.plan.created"], status: "active", previousSecretCiphertext: null });
    const [view] = await listEndpoints({ companyId: admin.companyId, connectionId });
    expect(JSON.stringify(view)).not.toContain(secret.slice(6, 30));
    expect(view!.secretHint).toBe(`${secret.slice(0, 10)}…`);
    const [entry] = await listAuditEvents({ companyId: admin.companyId, connectionId });
    expect(entry).toMatchObject({ action: "callback_endpoint_added", actorName: "Ada Admin", details: { endpointId, url: URL_OK } });
    expect(JSON.stringify(entry)).not.toContain(secret.slice(6, 30));
  });

  it("stores every event type chosen as all (empty), so events added later arrive too", async () => {
    const { admin, connectionId } = await setup();
    const { endpointId } = await add(admin, connectionId, { eventTypes: [...CALLBACK_EVENT_NAMES] });
    expect((await db.callbackEndpoint.findUniqueOrThrow({ where: { id: endpointId } })).eventTypes).toEqual([]);
  });

  it.each([
    ["no scheme", "receiver.example.com/hook"],
    ["another scheme", "ftp://receiver.example.com/hook"],
    ["a relative path", "/hooks"],
    ["javascript:", "javascript:alert(1)"],
    ["a malformed authority", "http:/receiver.example.com"],
    ["credentials", "https://user:pw@receiver.example.com/hook"],
    ["a user name only", "https://user@receiver.example.com/hook"],
    ["more than 2,000 characters", `https://receiver.example.com/${"a".repeat(1_980)}`],
    ["nothing", "   "],
  ])("refuses a URL with %s and stores nothing", async (_case, url) => {
    const { admin, connectionId } = await setup();
    await expect(add(admin, connectionId, { url })).rejects.toMatchObject({ code: "validation_failed" });
    expect(await db.callbackEndpoint.count({ where: { connectionId } })).toBe(0);
    expect(await actionsOf(connectionId)).toEqual(["created"]);
  });

  it("refuses a long description or an unknown event type, storing nothing", async () => {
    const { admin, connectionId } = await setup();
    await expect(add(admin, connectionId, { description: "d".repeat(201) })).rejects.toMatchObject({ code: "validation_failed", message: "Use at most 200 characters." });
    await expect(add(admin, connectionId, { eventTypes: ["plans.plan.created", "plans.plan.deleted"] })).rejects.toMatchObject({ code: "validation_failed" });
    expect(await db.callbackEndpoint.count({ where: { connectionId } })).toBe(0);
    // The boundaries themselves are accepted; plain http too (the page warns).
    await add(admin, connectionId, { url: `http://receiver.example.com/${"a".repeat(2_000 - 30)}`, description: "d".repeat(200) });
    expect(await db.callbackEndpoint.count({ where: { connectionId } })).toBe(1);
  });

  it("allows 10 live endpoints per connection, and another once one is deleted", async () => {
    const { admin, connectionId } = await setup();
    const ids = [];
    for (let i = 0; i < 10; i += 1) ids.push((await add(admin, connectionId, { url: `${URL_OK}/${i}` })).endpointId);
    await expect(add(admin, connectionId)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("at most 10") });
    expect(await db.callbackEndpoint.count({ where: { connectionId } })).toBe(10);
    await deleteEndpoint({ actor: admin, endpointId: ids[0]! });
    await add(admin, connectionId);
    expect(await listEndpoints({ companyId: admin.companyId, connectionId })).toHaveLength(10);
  });
});

describe("changing an endpoint", () => {
  it("edits URL, description and events with an audit entry naming what changed; an unchanged save records nothing", async () => {
    const { admin, connectionId } = await setup();
    const { endpointId } = await add(admin, connectionId);
    const result = await updateEndpoint({ actor: admin, endpointId, input: { url: "https://other.example.com/cb", description: "TMS", eventTypes: ["availability.offer.created"] } });
    expect(result.changed).toEqual(["url", "eventTypes"]);
    expect(await db.callbackEndpoint.findUniqueOrThrow({ where: { id: endpointId } })).toMatchObject({ url: "https://other.example.com/cb", eventTypes: ["availability.offer.created"] });
    const [entry] = await listAuditEvents({ companyId: admin.companyId, connectionId });
    expect(entry).toMatchObject({ action: "callback_endpoint_updated", details: { endpointId, changed: "url, eventTypes", fromUrl: URL_OK, url: "https://other.example.com/cb" } });
    expect((await updateEndpoint({ actor: admin, endpointId, input: { url: "https://other.example.com/cb", description: "TMS", eventTypes: ["availability.offer.created"] } })).changed).toEqual([]);
    expect((await actionsOf(connectionId)).filter((a) => a === "callback_endpoint_updated")).toHaveLength(1);
    await expect(updateEndpoint({ actor: admin, endpointId, input: { url: "ftp://x", description: "", eventTypes: [] } })).rejects.toMatchObject({ code: "validation_failed" });
    expect((await db.callbackEndpoint.findUniqueOrThrow({ where: { id: endpointId } })).url).toBe("https://other.example.com/cb");
  });

  it("pauses: held deliveries instead of pending ones, audited; pausing again changes nothing", async () => {
    const { admin, companyId, connectionId } = await setup();
    const { endpointId } = await add(admin, connectionId);
    const [pending] = await emit({ companyId, connectionId });
    expect((await pauseEndpoint({ actor: admin, endpointId })).held).toBe(1);
    expect(await db.callbackDelivery.findUniqueOrThrow({ where: { id: pending! } })).toMatchObject({ status: "held", nextAttemptAt: null });
    // New events while paused are held too (nothing lost), and the page shows how many.
    await emit({ companyId, connectionId, objectId: "TOUR-43" });
    const [view] = await listEndpoints({ companyId, connectionId });
    expect(view).toMatchObject({ status: "paused", held: 2 });
    await pauseEndpoint({ actor: admin, endpointId });
    expect((await actionsOf(connectionId)).filter((a) => a === "callback_endpoint_paused")).toHaveLength(1);
  });

  it("deletes softly: gone from the list, waiting deliveries aborted, no later event reaches it, audited", async () => {
    const { admin, companyId, connectionId } = await setup();
    const { endpointId } = await add(admin, connectionId);
    const [waiting] = await emit({ companyId, connectionId });
    const { aborted } = await deleteEndpoint({ actor: admin, endpointId });
    expect(aborted).toBe(1);
    expect(await db.callbackDelivery.findUniqueOrThrow({ where: { id: waiting! } })).toMatchObject({ status: "aborted", nextAttemptAt: null });
    expect(await db.callbackEndpoint.findUniqueOrThrow({ where: { id: endpointId } })).toMatchObject({ deletedAt: expect.any(Date) });
    expect(await listEndpoints({ companyId, connectionId })).toEqual([]);
    expect(await findEndpointView({ companyId, endpointId })).toBeNull();
    expect(await emit({ companyId, connectionId, objectId: "TOUR-99" })).toEqual([]);
    await expect(deleteEndpoint({ actor: admin, endpointId })).rejects.toMatchObject({ code: "not_found" });
    await expect(listDeliveries({ companyId, endpointId })).rejects.toMatchObject({ code: "not_found" });
    expect((await listAuditEvents({ companyId, connectionId }))[0]).toMatchObject({ action: "callback_endpoint_deleted", details: { endpointId, aborted: "1" } });
  });
});

describe("rotating an endpoint's secret", () => {
  it("keeps the previous secret sealed and signing until the chosen overlap ends, then shows none", async () => {
    const { admin, companyId, connectionId } = await setup();
    const { endpointId, secret: first } = await add(admin, connectionId);
    const now = new Date();
    const rotated = await rotateEndpointSecret({ actor: admin, endpointId, overlap: "7d", now });
    expect(rotated.secret).not.toBe(first);
    expect(rotated.previousValidUntil).toEqual(new Date(now.getTime() + 7 * 24 * HOUR));
    const row = await db.callbackEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    const context = endpointSecretContext(endpointId);
    expect(openSecret({ sealed: row.secretCiphertext, context })).toBe(rotated.secret);
    expect(openSecret({ sealed: row.previousSecretCiphertext!, context })).toBe(first);
    expect(JSON.stringify(row)).not.toContain(first.slice(6, 30));
    expect(row.previousSecretExpiresAt).toEqual(rotated.previousValidUntil);
    expect((await listEndpoints({ companyId, connectionId, now: new Date(now.getTime() + 7 * 24 * HOUR - 1) }))[0]!.previousSecretExpiresAt).toEqual(rotated.previousValidUntil);
    expect((await listEndpoints({ companyId, connectionId, now: new Date(now.getTime() + 7 * 24 * HOUR) }))[0]!.previousSecretExpiresAt).toBeNull();
    expect((await listAuditEvents({ companyId, connectionId }))[0]).toMatchObject({ action: "callback_secret_rotated", details: { endpointId, overlap: "7 days", previousValidUntil: rotated.previousValidUntil!.toISOString() } });

    // Rotating again replaces the previous one (the first stops at once); "immediately" keeps none.
    const second = await rotateEndpointSecret({ actor: admin, endpointId, overlap: "24h", now });
    const again = await db.callbackEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    expect(openSecret({ sealed: again.previousSecretCiphertext!, context })).toBe(rotated.secret);
    expect(again.previousSecretExpiresAt).toEqual(new Date(now.getTime() + 24 * HOUR));
    await rotateEndpointSecret({ actor: admin, endpointId, overlap: "immediately", now });
    const last = await db.callbackEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    expect(last).toMatchObject({ previousSecretCiphertext: null, previousSecretExpiresAt: null });
    expect(openSecret({ sealed: last.secretCiphertext, context })).not.toBe(second.secret);
  });
});

describe("who may do what", () => {
  it("lets members read everything and change nothing", async () => {
    const { admin, member, companyId, connectionId } = await setup();
    const { endpointId } = await add(admin, connectionId);
    const [deliveryId] = await emit({ companyId, connectionId });
    const before = await db.callbackEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    const input = { url: "https://member.example.com", description: "", eventTypes: [] };
    for (const call of [
      () => createEndpoint({ actor: member, connectionId, input }),
      () => updateEndpoint({ actor: member, endpointId, input }),
      () => pauseEndpoint({ actor: member, endpointId }),
      () => rotateEndpointSecret({ actor: member, endpointId, overlap: "24h" }),
      () => deleteEndpoint({ actor: member, endpointId }),
    ]) await expect(call()).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.callbackEndpoint.findUniqueOrThrow({ where: { id: endpointId } })).toEqual(before);
    expect(await db.callbackEndpoint.count({ where: { connectionId } })).toBe(1);
    expect(await listEndpoints({ companyId: member.companyId, connectionId })).toHaveLength(1);
    expect((await listDeliveries({ companyId: member.companyId, endpointId })).deliveries.map((d) => d.id)).toEqual([deliveryId]);
    expect((await findDelivery({ companyId: member.companyId, deliveryId: deliveryId! })).id).toBe(deliveryId);
  });

  it("answers not_found for another company's connection, endpoint and delivery, changing nothing", async () => {
    const { admin, companyId, connectionId } = await setup();
    const { endpointId } = await add(admin, connectionId);
    const [deliveryId] = await emit({ companyId, connectionId });
    const other = await createCompany("Other");
    const before = await db.callbackEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    const input = { url: "https://intruder.example.com", description: "", eventTypes: [] };
    for (const call of [
      () => createEndpoint({ actor: other.admin, connectionId, input }),
      () => updateEndpoint({ actor: other.admin, endpointId, input }),
      () => pauseEndpoint({ actor: other.admin, endpointId }),
      () => rotateEndpointSecret({ actor: other.admin, endpointId, overlap: "24h" }),
      () => deleteEndpoint({ actor: other.admin, endpointId }),
      () => listDeliveries({ companyId: other.companyId, endpointId }),
      () => findDelivery({ companyId: other.companyId, deliveryId: deliveryId! }),
    ]) await expect(call()).rejects.toMatchObject({ code: "not_found" });
    expect(await listEndpoints({ companyId: other.companyId, connectionId })).toEqual([]);
    expect(await findEndpointView({ companyId: other.companyId, endpointId })).toBeNull();
    expect(await db.callbackEndpoint.findUniqueOrThrow({ where: { id: endpointId } })).toEqual(before);
    expect(await db.callbackEndpoint.count({ where: { connectionId } })).toBe(1);
  });

  it("keeps a deleted connection's endpoints readable and unchangeable", async () => {
    const { admin, companyId, connectionId } = await setup();
    const { endpointId } = await add(admin, connectionId);
    await deleteConnection({ actor: admin, connectionId, confirmName: "Dispatch" });
    expect(await findEndpointView({ companyId, endpointId })).toMatchObject({ id: endpointId, connectionDeleted: true });
    expect((await listDeliveries({ companyId, endpointId })).deliveries).toEqual([]);
    await expect(add(admin, connectionId)).rejects.toMatchObject({ code: "not_found" });
    await expect(pauseEndpoint({ actor: admin, endpointId })).rejects.toMatchObject({ code: "not_found" });
    await expect(rotateEndpointSecret({ actor: admin, endpointId, overlap: "24h" })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("read models", () => {
  it("computes the 24-hour success rate from attempts, and the last delivery", async () => {
    const { admin, companyId, connectionId } = await setup();
    const { endpointId } = await add(admin, connectionId);
    const now = new Date();
    const [d1] = await emit({ companyId, connectionId, objectId: "A", now: new Date(now.getTime() - 30 * HOUR) });
    const [d2] = await emit({ companyId, connectionId, objectId: "B", now: new Date(now.getTime() - 2 * HOUR) });
    const [d3] = await emit({ companyId, connectionId, objectId: "C", now: new Date(now.getTime() - HOUR) });
    // Older than 24 hours: not counted.
    await attempt(d1!, { succeeded: false, startedAt: new Date(now.getTime() - 30 * HOUR) });
    await attempt(d2!, { succeeded: false, startedAt: new Date(now.getTime() - 2 * HOUR) });
    await attempt(d2!, { succeeded: true, startedAt: new Date(now.getTime() - 90 * 60_000) });
    await attempt(d3!, { succeeded: true, startedAt: new Date(now.getTime() - 30 * 60_000) });
    await attempt(d3!, { succeeded: false, startedAt: new Date(now.getTime() - 20 * 60_000) });
    await db.callbackDelivery.update({ where: { id: d3! }, data: { status: "failed", lastAttemptAt: new Date(now.getTime() - 20 * 60_000), nextAttemptAt: new Date(now.getTime() + 60_000) } });
    await db.callbackDelivery.update({ where: { id: d2! }, data: { status: "succeeded", lastAttemptAt: new Date(now.getTime() - 90 * 60_000) } });
    const [view] = await listEndpoints({ companyId, connectionId, now });
    expect(view).toMatchObject({ attempts24h: 4, succeeded24h: 2, successRate24h: 0.5, retrying: 1, lastDelivery: { id: d3, status: "failed", eventName: "plans.plan.created" } });
    // Without attempts there is no rate (not 0 %, not 100 %).
    const { endpointId: quiet } = await add(admin, connectionId, { url: `${URL_OK}/quiet`, eventTypes: ["monitoring.unit.silent"] });
    expect((await listEndpoints({ companyId, endpointId: quiet, now }))[0]).toMatchObject({ attempts24h: 0, successRate24h: null, lastDelivery: null });
    expect(endpointId).toBeTruthy();
  });

  it("lists deliveries newest first with attempts and next attempt, filtered and paged; one delivery with its stored body", async () => {
    const { admin, companyId, connectionId } = await setup();
    const { endpointId } = await add(admin, connectionId);
    const base = Date.now() - 10 * HOUR;
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(...(await emit({ companyId, connectionId, objectId: `TOUR-${i}`, eventName: i % 2 === 0 ? "plans.plan.created" : "plans.plan.updated", now: new Date(base + i * 60_000) })));
    await attempt(ids[4]!, { succeeded: false, startedAt: new Date(base + 5 * 60_000), httpStatus: 503 });
    const next = new Date(base + 6 * 60_000);
    await db.callbackDelivery.update({ where: { id: ids[4]! }, data: { status: "failed", attempts: 1, nextAttemptAt: next } });

    const first = await listDeliveries({ companyId, endpointId, pageSize: 2 });
    expect(first.deliveries.map((d) => d.objectId)).toEqual(["TOUR-4", "TOUR-3"]);
    expect(first.hasMore).toBe(true);
    expect(first.deliveries[0]).toMatchObject({ status: "failed", nextAttemptAt: next, attemptsLog: [{ httpStatus: 503, succeeded: false, responseExcerpt: "boom", errorCode: "http_error", durationMs: 12 }] });
    const third = await listDeliveries({ companyId, endpointId, pageSize: 2, page: 3 });
    expect(third).toMatchObject({ page: 3, hasMore: false });
    expect(third.deliveries.map((d) => d.objectId)).toEqual(["TOUR-0"]);
    expect((await listDeliveries({ companyId, endpointId, status: "failed" })).deliveries.map((d) => d.id)).toEqual([ids[4]]);
    expect((await listDeliveries({ companyId, endpointId, eventName: "plans.plan.updated" })).deliveries.map((d) => d.objectId)).toEqual(["TOUR-3", "TOUR-1"]);

    const detail = await findDelivery({ companyId, deliveryId: ids[4]! });
    const event = await db.callbackEvent.findUniqueOrThrow({ where: { id: detail.eventId } });
    expect(detail.body).toBe(event.body);
    expect(JSON.parse(detail.body)).toMatchObject({ id: "TOUR-4", event_id: detail.eventId, event_name: "plans.plan.created" });
    expect(detail).toMatchObject({ endpointId, connectionId, attemptsLog: [{ httpStatus: 503 }] });
  });

  it("summarises disabled and failing endpoints per connection for the integrations list", async () => {
    const { admin, companyId, connectionId } = await setup();
    const a = await add(admin, connectionId, { url: `${URL_OK}/a` });
    const b = await add(admin, connectionId, { url: `${URL_OK}/b` });
    await add(admin, connectionId, { url: `${URL_OK}/c` });
    await db.callbackEndpoint.update({ where: { id: a.endpointId }, data: { status: "disabled", disabledReason: "gone", lastError: "410 Gone" } });
    await db.callbackEndpoint.update({ where: { id: b.endpointId }, data: { consecutiveFailures: 4, failingSince: new Date() } });
    const health = await summarizeCallbackHealth({ companyId, connectionIds: [connectionId] });
    expect(health.get(connectionId)).toEqual({ disabled: 1, failing: 1 });
    expect((await summarizeCallbackHealth({ companyId: (await createCompany("X")).companyId, connectionIds: [connectionId] })).size).toBe(0);
    expect((await listEndpoints({ companyId, endpointId: b.endpointId }))[0]!.failing).toBe(true);
  });
});

describe("resuming and re-enabling", () => {
  it("resumes a paused endpoint and sends what was held, audited", async () => {
    const { admin, companyId, connectionId } = await setup();
    const { endpointId } = await add(admin, connectionId);
    await pauseEndpoint({ actor: admin, endpointId });
    const [held] = await emit({ companyId, connectionId });
    expect((await db.callbackDelivery.findUniqueOrThrow({ where: { id: held! } })).status).toBe("held");
    const before = Date.now();
    expect((await resumeEndpoint({ actor: admin, endpointId })).from).toBe("paused");
    const released = await db.callbackDelivery.findUniqueOrThrow({ where: { id: held! } });
    expect(released.status).toBe("pending");
    expect(released.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect((await listAuditEvents({ companyId, connectionId }))[0]).toMatchObject({ action: "callback_endpoint_resumed", details: { endpointId, from: "paused" } });
    // Already active: nothing to do, nothing recorded.
    expect((await resumeEndpoint({ actor: admin, endpointId })).from).toBe("active");
    expect((await actionsOf(connectionId)).filter((a) => a === "callback_endpoint_resumed")).toHaveLength(1);
  });

  it("re-enables a disabled endpoint: clears its reason and failure streak, releases held deliveries", async () => {
    const { admin, member, companyId, connectionId } = await setup();
    const { endpointId } = await add(admin, connectionId);
    await db.callbackEndpoint.update({ where: { id: endpointId }, data: { status: "disabled", disabledReason: "failing", disabledAt: new Date(), consecutiveFailures: 40, failingSince: new Date(Date.now() - 6 * 24 * HOUR), lastError: "HTTP 500" } });
    const [held] = await emit({ companyId, connectionId });
    const [view] = await listEndpoints({ companyId, connectionId });
    expect(view).toMatchObject({ status: "disabled", held: 1, lastError: "HTTP 500" });
    await expect(pauseEndpoint({ actor: admin, endpointId })).rejects.toMatchObject({ code: "conflict" });
    await expect(resumeEndpoint({ actor: member, endpointId })).rejects.toMatchObject({ code: "forbidden" });
    await expect(resumeEndpoint({ actor: (await createCompany("Z")).admin, endpointId })).rejects.toMatchObject({ code: "not_found" });
    expect((await resumeEndpoint({ actor: admin, endpointId })).from).toBe("disabled");
    expect(await db.callbackEndpoint.findUniqueOrThrow({ where: { id: endpointId } })).toMatchObject({ status: "active", disabledReason: null, disabledAt: null, consecutiveFailures: 0, failingSince: null, lastError: null });
    expect((await db.callbackDelivery.findUniqueOrThrow({ where: { id: held! } })).status).toBe("pending");
    expect((await listAuditEvents({ companyId, connectionId }))[0]).toMatchObject({ action: "callback_endpoint_resumed", details: { from: "disabled", disabledReason: "failing" } });
  });
});
