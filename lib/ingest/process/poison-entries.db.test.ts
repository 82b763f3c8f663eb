// One bad value must never fail a whole message: every value that reaches the
// database has been checked against its column, and an entry the database
// still refuses is dropped with a reason while the rest is stored.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sha256Hex } from "@/lib/crypto/random-token";
import { createConnection } from "@/lib/integrations/create-connection";
import { landMessage } from "@/lib/ingest/front-door/land-message";
import { MAX_ENTRIES } from "@/lib/ingest/normalize/normalize-envelope";
import { createCompany } from "@/lib/test/factories";
import { processMessages } from "./process-messages";

const direct = <T>(_id: string, work: () => Promise<T>) => work();

const setup = async () => {
  const { admin, companyId } = await createCompany();
  const { connectionId } = await createConnection({ actor: admin, name: "Poison", connector: "inbound-webhook" });
  const land = async (envelope: object | string) => {
    const body = Buffer.from(typeof envelope === "string" ? envelope : JSON.stringify(envelope));
    return (await landMessage({ companyId, connectionId, body, bodySha256: sha256Hex(body), idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun: false })).messageId;
  };
  return { companyId, land };
};
const fix = (unit: string, minute: number, extra: object = {}) => ({ externalUnitId: unit, at: `2026-07-01T10:${String(minute).padStart(2, "0")}:00Z`, lat: 50, lng: 8, ...extra });
const issuesOf = async (messageId: string) =>
  (await db.ingestIssue.findMany({ where: { messageId }, orderBy: { id: "asc" } })).map((i) => [i.section, i.entryIndex, i.reason]);

describe("values a column cannot take", () => {
  it("are dropped with a reason while the message's good entries are stored (and other messages of the batch are untouched)", async () => {
    const { companyId, land } = await setup();
    // JSON text, so that a NUL and a lone surrogate travel as JSON escapes, exactly as a carrier would send them.
    const poisoned = await land(`{
      "positions": [
        ${JSON.stringify(fix("GOOD", 1))},
        {"externalUnitId": "NUL\\u0000UNIT", "at": "2026-07-01T10:02:00Z", "lat": 50, "lng": 8},
        ${JSON.stringify(fix("GOOD", 3, { at: "0000-01-01T00:00:00Z" }))},
        ${JSON.stringify(fix("GOOD", 4, { at: "2026-02-30T10:00:00Z" }))},
        ${JSON.stringify(fix("GOOD", 5, { at: "2026-07-01T24:00:00Z" }))},
        {"externalUnitId": "GOOD", "at": "2026-07-01T10:06:00Z", "lat": 50, "lng": 8, "driverName": "A\\u0000B"},
        {"externalUnitId": "LONE\\ud800", "at": "2026-07-01T10:07:00Z", "lat": 50, "lng": 8}
      ],
      "plans": [
        {"externalUnitId": "GOOD", "externalPlanId": "BIG-SEQ", "legs": [{"seq": 2147483648, "kind": "pickup"}]},
        {"externalUnitId": "GOOD", "externalPlanId": "NUL-LEG", "legs": [{"seq": 0, "kind": "pickup", "place": {"name": "x\\u0000"}}]},
        {"externalUnitId": "GOOD", "externalPlanId": "OK", "legs": [{"seq": 2147483647, "kind": "delivery"}]}
      ],
      "availability": [
        {"availableFrom": "2026-07-04T00:00:00Z", "bodyType": "box\\u0000"},
        {"availableFrom": "2026-07-04T00:00:00Z", "externalOfferId": "O-1"}
      ]
    }`);
    const neighbour = await land({ positions: [fix("NEXT", 1)] });
    const outcome = await processMessages({ messageIds: [poisoned, neighbour], runStep: direct });
    expect(Object.keys(outcome.processed).sort()).toEqual([poisoned, neighbour].sort());
    expect(await issuesOf(poisoned)).toEqual([
      ["positions", 1, "invalid_value"],
      ["positions", 2, "invalid_timestamp"],
      ["positions", 3, "invalid_timestamp"],
      ["positions", 4, "invalid_timestamp"],
      ["positions", 5, "invalid_value"], // driverName is optional: kept with a warning
      ["positions", 6, "invalid_value"],
      ["plans", 0, "out_of_range"],
      ["plans", 1, "invalid_value"],
      ["availability", 0, "invalid_value"],
    ]);
    const message = await db.inboundMessage.findUniqueOrThrow({ where: { id: poisoned } });
    expect(message).toMatchObject({ status: "processed", acceptedTotal: 4, droppedTotal: 8, warningTotal: 1 });
    expect(await db.position.count({ where: { companyId, unit: { externalUnitId: "GOOD" } } })).toBe(2);
    expect(await db.plan.findMany({ where: { companyId }, select: { externalPlanId: true } })).toEqual([{ externalPlanId: "OK" }]);
    expect(await db.availabilityOffer.count({ where: { companyId } })).toBe(1);
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: neighbour } })).toMatchObject({ status: "processed", acceptedTotal: 1 });
  });

  it("isolates an entry the database still refuses, dropping it as unstorable_value and storing the rest", async () => {
    const { companyId, land } = await setup();
    const messageId = await land({ positions: [fix("A", 1), fix("B", 2), fix("C", 3), fix("D", 4)] });
    // A constraint normalisation knows nothing about stands in for any value a column refuses.
    await db.$executeRawUnsafe(`ALTER TABLE positions ADD CONSTRAINT test_refuses_c CHECK (driver_name IS DISTINCT FROM 'refuse me')`);
    try {
      await db.$executeRawUnsafe(`UPDATE inbound_messages SET body = convert_to(replace(convert_from(body, 'UTF8'), '"externalUnitId":"C"', '"externalUnitId":"C","driverName":"refuse me"'), 'UTF8') WHERE id = '${messageId}'`);
      const outcome = await processMessages({ messageIds: [messageId], runStep: direct });
      expect(outcome.processed[messageId]?.positions).toMatchObject({ received: 4, accepted: 3, dropped: 1 });
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE positions DROP CONSTRAINT test_refuses_c`);
    }
    expect(await issuesOf(messageId)).toEqual([["positions", 2, "unstorable_value"]]);
    const stored = await db.position.findMany({ where: { companyId }, select: { unit: { select: { externalUnitId: true } } } });
    expect(stored.map((p) => p.unit.externalUnitId).sort()).toEqual(["A", "B", "D"]);
  });
});

describe("entry caps", () => {
  it("processes the first entries of an oversized section and drops the rest with too_many_entries", async () => {
    const { companyId, land } = await setup();
    const cap = MAX_ENTRIES.plans;
    const plans = Array.from({ length: cap + 5 }, (_, i) => ({ externalUnitId: "U", externalPlanId: `P-${i}`, legs: [{ seq: 0, kind: "pickup" }, { seq: 1, kind: "delivery" }] }));
    const messageId = await land({ plans });
    const started = performance.now();
    await processMessages({ messageIds: [messageId], runStep: direct });
    const elapsedMs = performance.now() - started;
    const message = await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId } });
    expect(message.counts).toMatchObject({ plans: { received: cap + 5, accepted: cap, dropped: 5 } });
    expect(await issuesOf(messageId)).toEqual(Array.from({ length: 5 }, (_, i) => ["plans", cap + i, "too_many_entries"]));
    expect(await db.plan.count({ where: { companyId } })).toBe(cap);
    expect(await db.planLeg.count({ where: { plan: { companyId } } })).toBe(2 * cap);
    // Printed, not asserted (speed belongs in benchmarks): a thousand plans are a few statements, not a thousand transactions.
    console.log(`[poison-entries] ${cap} plans with ${2 * cap} legs processed in ${Math.round(elapsedMs)} ms`);
  });
});
