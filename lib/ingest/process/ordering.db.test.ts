// Plans and offers only move forward: by the source's own time when both
// sides have one, else by when their message landed (never by when it was
// processed), and a stored sourceFetchedAt is never cleared.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sha256Hex } from "@/lib/crypto/random-token";
import { createConnection } from "@/lib/integrations/create-connection";
import { landMessage } from "@/lib/ingest/front-door/land-message";
import { createCompany } from "@/lib/test/factories";
import { forgetNormalizedMessage } from "./load-normalized-message";
import { processMessages } from "./process-messages";

const direct = <T>(_id: string, work: () => Promise<T>) => work();
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

const setup = async () => {
  const { admin, companyId } = await createCompany();
  const { connectionId } = await createConnection({ actor: admin, name: "Order", connector: "inbound-webhook" });
  /** Lands a message as if it had arrived `landedMinutesAgo` minutes ago. */
  const land = async (envelope: object, landedMinutesAgo: number) => {
    const body = Buffer.from(JSON.stringify(envelope));
    const { messageId } = await landMessage({ companyId, connectionId, body, bodySha256: sha256Hex(body), idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun: false });
    await db.inboundMessage.update({ where: { id: messageId }, data: { receivedAt: minutesAgo(landedMinutesAgo) } });
    forgetNormalizedMessage(messageId);
    return messageId;
  };
  const process = (...ids: string[]) => processMessages({ messageIds: ids, runStep: direct });
  const plan = () => db.plan.findFirstOrThrow({ where: { companyId, externalPlanId: "T" }, include: { legs: { orderBy: { seq: "asc" } } } });
  const offer = () => db.availabilityOffer.findFirstOrThrow({ where: { companyId, externalOfferId: "O" } });
  return { land, process, plan, offer };
};

const planEnvelope = (status: string, sourceFetchedAt?: string, legs = [{ seq: 0, kind: "pickup" }]) => ({ plans: [{ externalUnitId: "U", externalPlanId: "T", status, ...(sourceFetchedAt ? { sourceFetchedAt } : {}), legs }] });
const offerEnvelope = (capacityKg: number) => ({ availability: [{ externalOfferId: "O", availableFrom: "2026-07-04T00:00:00Z", capacityKg }] });
const reasons = async (messageId: string) => (await db.ingestIssue.findMany({ where: { messageId } })).map((i) => i.reason);

describe("plan ordering", () => {
  it("does not let an undated plan overwrite a newer dated one's time, nor older dated plans back in", async () => {
    const { land, process, plan } = await setup();
    await process(await land(planEnvelope("in_progress", "2026-07-01T10:00:00Z"), 30));
    // An undated update that landed later is accepted, but keeps the stored sourceFetchedAt.
    await process(await land(planEnvelope("completed"), 20));
    expect(await plan()).toMatchObject({ status: "completed", sourceFetchedAt: new Date("2026-07-01T10:00:00Z") });
    // So a plan read before 10:00 is still stale afterwards.
    const older = await land(planEnvelope("cancelled", "2026-07-01T09:00:00Z"), 10);
    await process(older);
    expect(await plan()).toMatchObject({ status: "completed" });
    expect(await reasons(older)).toEqual(["stale_plan"]);
  });

  it("falls back to landing time for undated plans and ties, so a late retry cannot roll a plan back", async () => {
    const { land, process, plan } = await setup();
    const early = await land(planEnvelope("planned", undefined, [{ seq: 0, kind: "pickup" }, { seq: 1, kind: "delivery" }]), 60);
    const late = await land(planEnvelope("in_progress", undefined, [{ seq: 0, kind: "reposition" }]), 5);
    // The later message is processed first; the earlier one (say, a failed message retried hours later) comes after.
    await process(late);
    await process(early);
    expect(await plan()).toMatchObject({ status: "in_progress", legs: [{ seq: 0, kind: "reposition" }] });
    expect(await reasons(early)).toEqual(["stale_plan"]);
    // A tie on sourceFetchedAt is decided the same way.
    const tieEarly = await land({ plans: [{ externalUnitId: "U", externalPlanId: "T2", status: "planned", sourceFetchedAt: "2026-07-01T10:00:00Z" }] }, 50);
    const tieLate = await land({ plans: [{ externalUnitId: "U", externalPlanId: "T2", status: "completed", sourceFetchedAt: "2026-07-01T10:00:00Z" }] }, 40);
    await process(tieLate);
    await process(tieEarly);
    expect(await db.plan.findFirstOrThrow({ where: { externalPlanId: "T2", messageId: tieLate } })).toMatchObject({ status: "completed" });
  });

  it("replaces legs as a whole: fewer legs remove the rest, and a re-run leaves them as they are", async () => {
    const { land, process, plan } = await setup();
    await process(await land(planEnvelope("planned", "2026-07-01T10:00:00Z", [{ seq: 0, kind: "pickup" }, { seq: 1, kind: "rest" }, { seq: 2, kind: "delivery" }]), 30));
    const shorter = await land(planEnvelope("planned", "2026-07-01T11:00:00Z", [{ seq: 0, kind: "pickup" }, { seq: 5, kind: "delivery" }]), 20);
    await process(shorter);
    const once = await plan();
    expect(once.legs.map((l) => [l.seq, l.kind])).toEqual([[0, "pickup"], [5, "delivery"]]);
    await db.inboundMessage.update({ where: { id: shorter }, data: { status: "received" } });
    await process(shorter);
    expect(await plan()).toEqual(once);
  });
});

describe("concurrent runs", () => {
  it("leave exactly the newer version's legs when two messages for the same plans are processed at once", async () => {
    const { land } = await setup();
    const plans = (legs: number[]) => ({ plans: Array.from({ length: 20 }, (_, i) => ({ externalUnitId: "U", externalPlanId: `C-${i}`, legs: legs.map((seq) => ({ seq, kind: "pickup" })) })) });
    const older = await land(plans([0, 1, 2]), 30);
    const newer = await land(plans([0, 1]), 20);
    // Two runs at once (on PostgreSQL they interleave; PGlite has one connection and serialises them).
    await Promise.all([processMessages({ messageIds: [older], runStep: direct, claimToken: "a" }), processMessages({ messageIds: [newer], runStep: direct, claimToken: "b" })]);
    const stored = await db.plan.findMany({ where: { externalPlanId: { startsWith: "C-" }, messageId: { in: [older, newer] } }, include: { legs: { orderBy: { seq: "asc" } } } });
    expect(stored).toHaveLength(20);
    for (const plan of stored) expect({ id: plan.externalPlanId, by: plan.messageId, seqs: plan.legs.map((l) => l.seq) }).toEqual({ id: plan.externalPlanId, by: newer, seqs: [0, 1] });
  });
});

describe("offer ordering", () => {
  it("keeps the offer of the later message, whatever order they are processed in", async () => {
    const { land, process, offer } = await setup();
    const early = await land(offerEnvelope(1_000), 60);
    const late = await land(offerEnvelope(2_000), 5);
    await process(late);
    await process(early);
    expect(await offer()).toMatchObject({ capacityKg: 2_000, messageId: late });
    expect(await reasons(early)).toEqual(["stale_offer"]);
    const message = await db.inboundMessage.findUniqueOrThrow({ where: { id: early } });
    expect(message.counts).toMatchObject({ availability: { received: 1, accepted: 0, stale: 1 } });
  });
});
