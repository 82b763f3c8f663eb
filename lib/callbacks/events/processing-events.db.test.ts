// Events from processing: what each message, plan, offer and unit change
// emits, that nothing is emitted for a change that did not happen, and the
// timed events (silent, expired, grace ending).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sha256Hex } from "@/lib/crypto/random-token";
import { createConnection } from "@/lib/integrations/create-connection";
import { deleteConnection } from "@/lib/integrations/delete-connection";
import { rotateSecret } from "@/lib/integrations/rotate-secret";
import { setConnectionStatus } from "@/lib/integrations/set-connection-status";
import { updateConnectionSettings } from "@/lib/integrations/update-connection-settings";
import { EXAMPLE_ENVELOPE } from "@/lib/integrations/example-envelope";
import { landMessage } from "@/lib/ingest/front-door/land-message";
import { forgetNormalizedMessage } from "@/lib/ingest/process/load-normalized-message";
import { processMessages } from "@/lib/ingest/process/process-messages";
import { recordFailure } from "@/lib/ingest/process/record-failure";
import { createCompany } from "@/lib/test/factories";
import { insertTestEndpoint } from "@/lib/test/callback-endpoints";
import { emitTimedEvents } from "./emit-timed-events";

const direct = <T>(_id: string, work: () => Promise<T>) => work();

const setup = async ({ endpoint = true } = {}) => {
  const { admin, companyId } = await createCompany();
  const { connectionId } = await createConnection({ actor: admin, name: "Events", connector: "inbound-webhook" });
  if (endpoint) await insertTestEndpoint({ companyId, connectionId });
  const land = async (envelope: object) => {
    const body = Buffer.from(JSON.stringify(envelope));
    return (await landMessage({ companyId, connectionId, body, bodySha256: sha256Hex(body), idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun: false })).messageId;
  };
  const process = async (envelope: object) => {
    const id = await land(envelope);
    await processMessages({ messageIds: [id], runStep: direct });
    return id;
  };
  const events = async () =>
    (await db.callbackEvent.findMany({ where: { connectionId }, orderBy: { sequence: "asc" } })).map((e) => ({ name: e.eventName, id: e.objectId, body: JSON.parse(e.body) as { data: Record<string, unknown>; sequence: number } }));
  return { admin, companyId, connectionId, land, process, events };
};

const names = (list: { name: string; id: string }[]) => list.map((e) => `${e.name} ${e.id}`);

describe("events from processing", () => {
  it("emits processed (with the receipt), plan created, offer created and first fix for the specification's example", async () => {
    const { process, events } = await setup();
    const messageId = await process(EXAMPLE_ENVELOPE);
    const list = await events();
    expect(names(list).sort()).toEqual([
      "availability.offer.created OFFER-7",
      `inbound.message.processed ${messageId}`,
      "monitoring.unit.first_fix TRK-1",
      "plans.plan.created TOUR-42",
    ]);
    const processed = list.find((e) => e.name === "inbound.message.processed")!;
    expect(processed.body.data).toMatchObject({ counts: { positions: { received: 1, accepted: 1 }, plans: { accepted: 1 }, availability: { accepted: 1 } }, droppedTotal: 0, dropped: [] });
    expect(list.find((e) => e.name === "plans.plan.created")!.body.data).toMatchObject({ plan: { externalPlanId: "TOUR-42", externalUnitId: "TRK-1", status: "planned", legCount: 1 } });
  });

  it("emits nothing for re-processing, a repeated push, or an unchanged plan; one event per real change", async () => {
    const { connectionId, land, process, events } = await setup();
    const first = await process(EXAMPLE_ENVELOPE);
    const before = (await events()).length;
    // Re-processing the same message.
    await db.inboundMessage.update({ where: { id: first }, data: { status: "received" } });
    forgetNormalizedMessage(first);
    await processMessages({ messageIds: [first], runStep: direct });
    // The same plan and offer in another message (a different body): unchanged.
    await process({ ...EXAMPLE_ENVELOPE, positions: [] });
    const unchanged = await events();
    expect(unchanged.filter((e) => e.name !== "inbound.message.processed")).toHaveLength(before - 1);
    expect(await db.callbackEvent.count({ where: { connectionId, eventName: "inbound.message.processed" } })).toBe(2);
    // A status change, a unit change and a new time window: three plan events, in order of their sequence.
    const plan = EXAMPLE_ENVELOPE.plans[0];
    await process({ plans: [{ ...plan, status: "in_progress", externalUnitId: "TRK-9", legs: [{ ...plan.legs[0], windowEnd: "2026-07-02T13:00:00Z" }] }] });
    const changed = (await events()).filter((e) => e.name.startsWith("plans.") && e.name !== "plans.plan.created");
    expect(names(changed)).toEqual(["plans.plan.status_changed TOUR-42", "plans.plan.unit_changed TOUR-42", "plans.plan.updated TOUR-42"]);
    expect(changed[0]!.body.data).toMatchObject({ from: "planned", to: "in_progress" });
    expect(changed[1]!.body.data).toMatchObject({ from: "TRK-1", to: "TRK-9" });
    expect(changed[2]!.body.data).toMatchObject({ changedFields: ["legs.windowEnd"] });
    const sequences = (await events()).map((e) => e.body.sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    // An offer that changed.
    await process({ availability: [{ ...EXAMPLE_ENVELOPE.availability[0], capacityKg: 20000 }] });
    const updated = (await events()).filter((e) => e.name === "availability.offer.updated");
    expect(updated.map((e) => e.body.data.changedFields)).toEqual([["capacityKg"]]);
    void land;
  });

  it("emits nothing for a duplicate push: the front door lands it as the original message", async () => {
    const { companyId, connectionId, process, events } = await setup();
    await process(EXAMPLE_ENVELOPE);
    const before = await events();
    const body = Buffer.from(JSON.stringify(EXAMPLE_ENVELOPE));
    const again = await landMessage({ companyId, connectionId, body, bodySha256: sha256Hex(body), idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun: false });
    expect(again.status).toBe("duplicate");
    await processMessages({ messageIds: [again.messageId], runStep: direct });
    expect(await events()).toEqual(before);
  });

  it("sends a message's events to its callback_url, drops an invalid one with a reason, and ignores it when the connection says so", async () => {
    const { admin, connectionId, process } = await setup({ endpoint: false });
    const good = await process({ ...EXAMPLE_ENVELOPE, callback_url: "https://integrator.example/hooks?x=1" });
    const toUrl = await db.callbackDelivery.findMany({ where: { connectionId, targetUrl: "https://integrator.example/hooks?x=1" } });
    expect(toUrl.map((d) => d.eventName).sort()).toEqual(["availability.offer.created", "inbound.message.processed", "monitoring.unit.first_fix", "plans.plan.created"]);
    expect(toUrl.find((d) => d.eventName === "inbound.message.processed")?.objectId).toBe(good);

    const bad = await process({ positions: [{ externalUnitId: "TRK-5", at: "2026-07-01T10:00:00Z", lat: 1, lng: 1 }], callback_url: "ftp://nope" });
    const badMessage = await db.inboundMessage.findUniqueOrThrow({ where: { id: bad }, include: { issues: true } });
    expect(badMessage.issues).toMatchObject([{ section: "envelope", reason: "invalid_callback_url", severity: "dropped" }]);
    expect(badMessage.counts).toMatchObject({ positions: { accepted: 1 } });

    await updateConnectionSettings({ actor: admin, connectionId, changes: { acceptCallbackUrl: false } });
    const ignored = await process({ positions: [], callback_url: "https://integrator.example/other" });
    expect(await db.callbackDelivery.count({ where: { targetUrl: "https://integrator.example/other" } })).toBe(0);
    expect((await db.ingestIssue.findMany({ where: { messageId: ignored } })).map((i) => [i.severity, i.reason])).toEqual([["warning", "ignored_field"]]);
  });

  it("emits inbound.message.failed once when processing gives up, in the same transaction as the failure", async () => {
    const { connectionId, land, events } = await setup();
    const id = await land({ positions: [] });
    await db.inboundMessage.update({ where: { id }, data: { status: "processing", claimToken: "run-1", attempts: 3 } });
    await recordFailure({ messageId: id, claimToken: "run-1", error: new Error("boom"), final: true });
    // A second report of the same failure (another run's) changes nothing and emits nothing.
    await recordFailure({ messageId: id, claimToken: "run-1", error: new Error("boom"), final: true });
    expect(names(await events())).toEqual([`inbound.message.failed ${id}`]);
    expect((await events())[0]!.body.data).toMatchObject({ code: "processing_error", attempts: 3 });
    void connectionId;
  });

  it("reports a silent unit once, then its resumption; an expired offer once; a grace ending within the hour once; pause and rotation", async () => {
    const { admin, connectionId, process, events } = await setup();
    const fixAt = new Date(Date.now() - 45 * 60_000);
    await process({ positions: [{ externalUnitId: "TRK-S", at: fixAt.toISOString(), lat: 50, lng: 8 }], availability: [{ externalOfferId: "OFF-X", availableFrom: new Date(Date.now() - 3_600_000).toISOString(), availableTo: new Date(Date.now() - 60_000).toISOString() }] });
    expect(await emitTimedEvents()).toMatchObject({ silentUnits: 1, expiredOffers: 1 });
    expect(await emitTimedEvents()).toMatchObject({ silentUnits: 0, expiredOffers: 0 });
    const silent = (await events()).find((e) => e.name === "monitoring.unit.silent")!;
    expect(silent.body.data).toMatchObject({ thresholdMinutes: 30, lastFix: { externalUnitId: "TRK-S" } });
    expect((silent.body.data.silentForSeconds as number) >= 45 * 60 - 5).toBe(true);
    await process({ positions: [{ externalUnitId: "TRK-S", at: new Date().toISOString(), lat: 50.1, lng: 8 }] });
    expect(names((await events()).filter((e) => e.name === "monitoring.unit.resumed"))).toEqual(["monitoring.unit.resumed TRK-S"]);
    expect(names((await events()).filter((e) => e.name === "availability.offer.expired"))).toEqual(["availability.offer.expired OFF-X"]);

    await setConnectionStatus({ actor: admin, connectionId, status: "paused" });
    await rotateSecret({ actor: admin, connectionId, grace: "24h" });
    expect((await emitTimedEvents({ now: new Date(Date.now() + 23.5 * 3_600_000) })).gracesEnding).toBe(1);
    expect((await emitTimedEvents({ now: new Date(Date.now() + 23.6 * 3_600_000) })).gracesEnding).toBe(0);
    const tail = (await events()).filter((e) => e.name.startsWith("connections."));
    expect(names(tail)).toEqual([`connections.connection.paused ${connectionId}`, `connections.secret.rotated ${connectionId}`, `connections.grace.ending ${connectionId}`]);
    expect(tail[0]!.body.data).toMatchObject({ by: "Ada Admin" });
    expect(tail[2]!.body.data).toMatchObject({ credential: "secret" });
  });

  it("stops a deleted connection's callbacks: waiting deliveries are aborted, its endpoints get nothing new", async () => {
    const { admin, connectionId, process } = await setup();
    await process({ ...EXAMPLE_ENVELOPE, callback_url: "https://integrator.example/cb" });
    expect(await db.callbackDelivery.count({ where: { connectionId, status: "pending" } })).toBeGreaterThan(0);
    await deleteConnection({ actor: admin, connectionId, confirmName: "Events" });
    expect(await db.callbackDelivery.count({ where: { connectionId, status: { in: ["pending", "failed", "held"] } } })).toBe(0);
    // Nothing arrives through it any more (the token is dead), and the timed checks skip deleted connections.
    await process({ positions: [{ externalUnitId: "TRK-LATE", at: new Date().toISOString(), lat: 1, lng: 1 }] }).catch(() => undefined);
    expect(await db.callbackDelivery.count({ where: { connectionId, status: "pending" } })).toBe(0);
    await emitTimedEvents({ now: new Date(Date.now() + 86_400_000) });
    expect(await db.callbackEvent.count({ where: { connectionId, eventName: "monitoring.unit.silent" } })).toBe(0);
  });
});
