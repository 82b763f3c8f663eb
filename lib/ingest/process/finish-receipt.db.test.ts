import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sha256Hex } from "@/lib/crypto/random-token";
import { createConnection } from "@/lib/integrations/create-connection";
import { landMessage } from "@/lib/ingest/front-door/land-message";
import { emptyCounts, type TIssue } from "@/lib/ingest/normalize/types";
import { createCompany } from "@/lib/test/factories";
import { finishReceipt, MAX_STORED_ISSUES } from "./finish-receipt";

const landed = async () => {
  const { admin, companyId } = await createCompany();
  const { connectionId } = await createConnection({ actor: admin, name: "R", connector: "inbound-webhook" });
  const body = Buffer.from(`{"n":${Math.random()}}`);
  return landMessage({ companyId, connectionId, body, bodySha256: sha256Hex(body), idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun: false });
};

describe("receipts", () => {
  it("keeps the first 1,000 issues in entry order and the full totals", async () => {
    const { messageId } = await landed();
    const issues: TIssue[] = Array.from({ length: 1_200 }, (_, i) => ({ severity: i % 10 === 0 ? "warning" : "dropped", section: "positions", index: 1_199 - i, reason: "out_of_range", detail: `#${1_199 - i}` }));
    const counts = emptyCounts();
    counts.positions = { received: 1_300, accepted: 100, dropped: 1_080, duplicate: 0, stale: 0 };
    await finishReceipt({ messageId, counts, issues });
    await finishReceipt({ messageId, counts, issues });
    const stored = await db.ingestIssue.findMany({ where: { messageId }, orderBy: { id: "asc" } });
    expect(stored).toHaveLength(MAX_STORED_ISSUES);
    expect(stored[0]?.entryIndex).toBe(0);
    expect(stored.at(-1)?.entryIndex).toBe(999);
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ status: "processed", acceptedTotal: 100, droppedTotal: 1_080, warningTotal: 120, counts });
  });
});
