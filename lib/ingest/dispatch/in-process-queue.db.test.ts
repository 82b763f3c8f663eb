// The in-process queue is fair between companies: one company's backlog does
// not hold back another company's message.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sha256Hex } from "@/lib/crypto/random-token";
import { createConnection } from "@/lib/integrations/create-connection";
import { landMessage } from "@/lib/ingest/front-door/land-message";
import { createCompany } from "@/lib/test/factories";
import { enqueueInProcess, whenQueueIdle } from "./in-process-queue";

const company = async () => {
  const { admin, companyId } = await createCompany();
  const { connectionId } = await createConnection({ actor: admin, name: "Q", connector: "inbound-webhook" });
  const land = async (n: number) => {
    const body = Buffer.from(JSON.stringify({ positions: [{ externalUnitId: `U${n % 7}`, at: new Date(Date.UTC(2026, 6, 1, 0, 0, n)).toISOString(), lat: 50, lng: 8 }] }));
    return (await landMessage({ companyId, connectionId, body, bodySha256: sha256Hex(body), idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun: false })).messageId;
  };
  return { companyId, land };
};

describe("the in-process queue", () => {
  it("processes a company's single message before another company's backlog of hundreds", async () => {
    const busy = await company();
    const quiet = await company();
    const backlog: string[] = [];
    for (let i = 0; i < 300; i++) backlog.push(await busy.land(i));
    const single = await quiet.land(0);
    for (const messageId of backlog) enqueueInProcess({ messageId, companyId: busy.companyId });
    // Two batches of 50 are running now; 200 of the busy company's messages wait.
    enqueueInProcess({ messageId: single, companyId: quiet.companyId });
    await whenQueueIdle();
    const done = await db.inboundMessage.findMany({ where: { id: { in: [...backlog, single] } }, select: { id: true, status: true, processedAt: true } });
    expect(done.every((m) => m.status === "processed")).toBe(true);
    const quietAt = done.find((m) => m.id === single)!.processedAt!;
    const before = done.filter((m) => m.id !== single && m.processedAt! < quietAt).length;
    // First in, first out would process all 300 first; fairly, it is in the next batch after the two running.
    expect(before).toBeLessThanOrEqual(150);
  }, 60_000);
});
