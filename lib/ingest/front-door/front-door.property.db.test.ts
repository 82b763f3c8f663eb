// Property-based tests of the whole inbound path over real HTTP (the real
// route handler) on a real database: arbitrary envelopes, valid, near-valid
// and hostile, signed correctly. Invariants: the answer is 202 or a documented
// 4xx, never 5xx; every 202'd message ends processed; each entry is either
// stored or dropped with a reason code; processing a message twice changes
// nothing; sending it again is a duplicate.
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { REASON_CODES, type TCounts, type TSection } from "@/lib/ingest/normalize/types";
import { forgetNormalizedMessage } from "@/lib/ingest/process/load-normalized-message";
import { processMessage } from "@/lib/ingest/process/process-message";
import { bodyArbitrary } from "@/lib/test/envelope-arbitraries";
import { fleetSnapshot } from "@/lib/test/fleet-snapshot";
import { createFrontDoorConnection, postToFrontDoor, type TFrontDoorConnection } from "@/lib/test/front-door-client";
import { settle, startFrontDoor, type TFrontDoor } from "@/lib/test/front-door-server";
import { resetRateLimits } from "./rate-limiter";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);
const DOCUMENTED_4XX = new Set(["invalid_json", "payload_too_large"]);
const SECTIONS: TSection[] = ["positions", "plans", "availability"];
const reasons = new Set<string>(REASON_CODES);

let frontDoor: TFrontDoor;
let connection: TFrontDoorConnection;
const tally = { cases: 0, accepted: 0, duplicate: 0, refused: {} as Record<string, number>, entries: 0, stored: 0, dropped: 0 };

beforeAll(async () => {
  frontDoor = await startFrontDoor();
  connection = await createFrontDoorConnection("Property");
  // One connection takes every case: no rate limit may get in the way.
  await db.connection.update({ where: { id: connection.connectionId }, data: { settings: { rateLimitPerSecond: 100_000, rateLimitBurst: 1_000_000 } } });
});
afterAll(async () => {
  console.log(`[property] ${tally.cases} envelopes: ${tally.accepted} accepted, ${tally.duplicate} duplicates, refused ${JSON.stringify(tally.refused)}; ` +
    `${tally.entries} entries: ${tally.stored} stored, ${tally.dropped} dropped with a reason; 0 answers 5xx`);
  await frontDoor.close();
});
beforeEach(() => resetRateLimits());

const checkReceipt = async (messageId: string) => {
  const message = await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId }, include: { issues: true } });
  expect(message.status, message.lastError ?? "").toBe("processed");
  const counts = message.counts as TCounts;
  for (const name of SECTIONS) {
    const c = counts[name];
    const sectionIssue = message.issues.some((i) => i.section === name && i.entryIndex === null && i.severity === "dropped");
    // Every entry received is accounted for: stored, dropped, a duplicate, or stale.
    expect(c.accepted + c.dropped + c.duplicate + c.stale - (sectionIssue ? 1 : 0), `${name} ${JSON.stringify(c)}`).toBe(c.received);
    const dropped = message.issues.filter((i) => i.section === name && i.severity === "dropped");
    // Each dropped or stale entry has its own issue, with a reason code a carrier can look up, and an index within the section.
    expect(dropped.length, name).toBe(c.dropped + c.stale);
    for (const issue of message.issues.filter((i) => i.section === name)) {
      expect(reasons.has(issue.reason), issue.reason).toBe(true);
      if (issue.entryIndex !== null) expect(issue.entryIndex).toBeLessThan(c.received);
    }
    tally.entries += c.received;
    tally.stored += c.accepted;
    tally.dropped += c.dropped + c.stale;
  }
  // "Accepted" means stored: the positions this message wrote are in history.
  expect(await db.position.count({ where: { messageId } })).toBe(counts.positions.accepted);
};

describe("the front door with arbitrary envelopes", () => {
  it("answers 202 or a documented 4xx, processes every 202 once, and accounts for every entry", async () => {
    await fc.assert(
      fc.asyncProperty(bodyArbitrary, async (body) => {
        tally.cases += 1;
        const response = await postToFrontDoor(frontDoor.origin, connection, body);
        expect(response.status, JSON.stringify(response.json)).toBeLessThan(500);
        if (response.status !== 202) {
          expect(DOCUMENTED_4XX.has(response.json.error.code), response.json.error.code).toBe(true);
          tally.refused[response.json.error.code] = (tally.refused[response.json.error.code] ?? 0) + 1;
          return;
        }
        const { messageId, status } = response.json;
        if (status === "duplicate") {
          tally.duplicate += 1;
          return;
        }
        tally.accepted += 1;
        await settle();
        await checkReceipt(messageId);

        const once = await fleetSnapshot(connection.companyId);
        await db.inboundMessage.update({ where: { id: messageId }, data: { status: "received" } });
        forgetNormalizedMessage(messageId);
        await processMessage({ messageId, runStep: (_id, work) => work() });
        expect(await fleetSnapshot(connection.companyId)).toEqual(once);

        expect((await postToFrontDoor(frontDoor.origin, connection, body)).json).toEqual({ messageId, status: "duplicate" });
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);
});
