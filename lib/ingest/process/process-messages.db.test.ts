import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sha256Hex } from "@/lib/crypto/random-token";
import { createConnection } from "@/lib/integrations/create-connection";
import { landMessage } from "@/lib/ingest/front-door/land-message";
import { createCompany } from "@/lib/test/factories";
import { fleetSnapshot } from "@/lib/test/fleet-snapshot";
import { forgetNormalizedMessage } from "./load-normalized-message";
import { processMessages } from "./process-messages";

const direct = <T>(_id: string, work: () => Promise<T>) => work();

const setup = async () => {
  const { admin, companyId } = await createCompany();
  const { connectionId } = await createConnection({ actor: admin, name: "Batch", connector: "inbound-webhook" });
  const land = async (envelope: object, dryRun = false) => {
    const body = Buffer.from(JSON.stringify(envelope));
    return (await landMessage({ companyId, connectionId, body, bodySha256: sha256Hex(body), idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun })).messageId;
  };
  return { companyId, land };
};

const fix = (unit: string, at: string, lat = 50) => ({ externalUnitId: unit, at, lat, lng: 8 });

describe("processing a batch of messages", () => {
  it("keeps per-message receipts, counts a fix repeated across the batch once, and writes nothing for a dry run", async () => {
    const { companyId, land } = await setup();
    const m1 = await land({ positions: [fix("A", "2026-07-01T10:00:00Z"), fix("B", "2026-07-01T10:00:00Z")] });
    const m2 = await land({ positions: [fix("A", "2026-07-01T10:00:00Z", 51), fix("A", "2026-07-01T11:00:00Z", 52)], plans: [{ externalUnitId: "A", externalPlanId: "P" }] });
    const m3 = await land({ positions: [fix("C", "2026-07-01T10:00:00Z")] }, true);
    const outcome = await processMessages({ messageIds: [m1, m2, m3], runStep: direct });
    expect(outcome.skipped).toEqual([]);
    expect(outcome.processed[m1]?.positions).toMatchObject({ received: 2, accepted: 2, duplicate: 0 });
    expect(outcome.processed[m2]?.positions).toMatchObject({ received: 2, accepted: 1, duplicate: 1 });
    expect(outcome.processed[m2]?.plans).toMatchObject({ accepted: 1 });
    expect(outcome.processed[m3]?.positions).toMatchObject({ accepted: 1 });
    const units = await db.unit.findMany({ where: { companyId }, orderBy: { externalUnitId: "asc" } });
    expect(units.map((u) => u.externalUnitId)).toEqual(["A", "B"]);
    expect(units[0]).toMatchObject({ latestLat: 52, latestMessageId: m2 });
    const messages = await db.inboundMessage.findMany({ where: { id: { in: [m1, m2, m3] } } });
    expect(messages.every((m) => m.status === "processed" && m.attempts === 1)).toBe(true);
  });

  it("skips what is processed and leaves identical state when run again", async () => {
    const { companyId, land } = await setup();
    const ids = [await land({ positions: [fix("X", "2026-07-01T10:00:00Z")] }), await land({ positions: [fix("X", "2026-07-01T10:00:00Z"), fix("Y", "2026-07-01T10:00:00Z")] })];
    await processMessages({ messageIds: ids, runStep: direct });
    expect((await processMessages({ messageIds: ids, runStep: direct })).skipped).toEqual(ids);
    const once = await fleetSnapshot(companyId);
    await db.inboundMessage.updateMany({ where: { id: { in: ids } }, data: { status: "received" } });
    ids.forEach(forgetNormalizedMessage);
    await processMessages({ messageIds: ids, runStep: direct });
    expect(await fleetSnapshot(companyId)).toEqual(once);
  });
});
