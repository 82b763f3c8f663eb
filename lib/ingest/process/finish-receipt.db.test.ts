import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sha256Hex } from "@/lib/crypto/random-token";
import { createConnection } from "@/lib/integrations/create-connection";
import { readSettings } from "@/lib/integrations/connection-settings";
import { landMessage } from "@/lib/ingest/front-door/land-message";
import { emptyCounts, type TIssue } from "@/lib/ingest/normalize/types";
import { createCompany } from "@/lib/test/factories";
import { claimMessages } from "./claim-messages";
import { finishReceipts, MAX_STORED_ISSUES } from "./finish-receipt";

const landed = async () => {
  const { admin, companyId } = await createCompany();
  const { connectionId } = await createConnection({ actor: admin, name: "R", connector: "inbound-webhook" });
  const body = Buffer.from(`{"n":${Math.random()}}`);
  return landMessage({ companyId, connectionId, body, bodySha256: sha256Hex(body), idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun: false });
};
const settings = readSettings({});

describe("receipts", () => {
  it("keeps the first 1,000 issues in entry order and the full totals, written once", async () => {
    const { messageId } = await landed();
    expect(await claimMessages({ messageIds: [messageId], claimToken: "run-1" })).toEqual([messageId]);
    const issues: TIssue[] = Array.from({ length: 1_200 }, (_, i) => ({ severity: i % 10 === 0 ? "warning" : "dropped", section: "positions", index: 1_199 - i, reason: "out_of_range", detail: `#${1_199 - i}` }));
    const counts = emptyCounts();
    counts.positions = { received: 1_300, accepted: 100, dropped: 1_080, duplicate: 0, stale: 0 };
    expect(await finishReceipts({ receipts: [{ messageId, counts, issues, settings }], claimToken: "run-1" })).toEqual([messageId]);
    expect(await finishReceipts({ receipts: [{ messageId, counts, issues, settings }], claimToken: "run-1" })).toEqual([]);
    const stored = await db.ingestIssue.findMany({ where: { messageId }, orderBy: { id: "asc" } });
    expect(stored).toHaveLength(MAX_STORED_ISSUES);
    expect(stored[0]?.entryIndex).toBe(0);
    expect(stored.at(-1)?.entryIndex).toBe(999);
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ status: "processed", acceptedTotal: 100, droppedTotal: 1_080, warningTotal: 120, counts, claimToken: null });
  });

  it("is written only by the run that holds the claim", async () => {
    const { messageId } = await landed();
    expect(await claimMessages({ messageIds: [messageId], claimToken: "holder" })).toEqual([messageId]);
    // A second run cannot take a live claim, and cannot write a receipt for it.
    expect(await claimMessages({ messageIds: [messageId], claimToken: "intruder" })).toEqual([]);
    const counts = emptyCounts();
    const issue: TIssue = { severity: "dropped", section: "positions", index: 0, reason: "missing_field", detail: "at is required" };
    expect(await finishReceipts({ receipts: [{ messageId, counts, issues: [issue], settings }], claimToken: "intruder" })).toEqual([]);
    expect(await db.ingestIssue.count({ where: { messageId } })).toBe(0);
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ status: "processing", attempts: 1, claimToken: "holder" });
    expect(await finishReceipts({ receipts: [{ messageId, counts, issues: [issue], settings }], claimToken: "holder" })).toEqual([messageId]);
    expect(await db.ingestIssue.count({ where: { messageId } })).toBe(1);
  });

  it("lets another run take over a claim whose lease has run out", async () => {
    const { messageId } = await landed();
    await claimMessages({ messageIds: [messageId], claimToken: "died" });
    await db.inboundMessage.update({ where: { id: messageId }, data: { processingStartedAt: new Date(Date.now() - 11 * 60_000) } });
    expect(await claimMessages({ messageIds: [messageId], claimToken: "rescuer" })).toEqual([messageId]);
    expect(await finishReceipts({ receipts: [{ messageId, counts: emptyCounts(), issues: [], settings }], claimToken: "died" })).toEqual([]);
    expect(await finishReceipts({ receipts: [{ messageId, counts: emptyCounts(), issues: [], settings }], claimToken: "rescuer" })).toEqual([messageId]);
  });
});
