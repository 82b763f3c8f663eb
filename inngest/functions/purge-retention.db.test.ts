import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sha256Hex } from "@/lib/crypto/random-token";
import { createConnection } from "@/lib/integrations/create-connection";
import { EXAMPLE_ENVELOPE } from "@/lib/integrations/example-envelope";
import { landMessage } from "@/lib/ingest/front-door/land-message";
import { processMessage } from "@/lib/ingest/process/process-message";
import { createCompany } from "@/lib/test/factories";
import { purgeRetention } from "./purge-retention";

/** A processed message landed `ageDays` ago. */
const oldMessage = async (ageDays: number) => {
  const { admin, companyId } = await createCompany();
  const { connectionId } = await createConnection({ actor: admin, name: "Feed", connector: "inbound-webhook" });
  const body = Buffer.from(JSON.stringify(EXAMPLE_ENVELOPE));
  const { messageId } = await landMessage({ companyId, connectionId, body, bodySha256: sha256Hex(body), idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun: false });
  await processMessage({ messageId, runStep: (_id, work) => work() });
  await db.$executeRaw`UPDATE inbound_messages SET received_at = now() - ${ageDays} * interval '1 day' WHERE id = ${messageId}`;
  return messageId;
};

describe("purge-retention (Inngest)", () => {
  it("runs each retention rule as a step and purges what is due", async () => {
    const bodyDue = await oldMessage(31);
    const receiptDue = await oldMessage(91);
    const young = await oldMessage(1);
    const t = new InngestTestEngine({ function: purgeRetention });
    const { result, ctx } = await t.execute();
    expect(result).toEqual({ receipts: 1, issues: 0, rawBodies: 1, dedupeKeys: 0, throttles: 0, callbackEvents: 0 });
    for (const id of ["purge-receipts", "purge-raw-bodies", "purge-dedupe-keys", "purge-sign-in-throttles", "purge-callback-events"]) {
      expect(ctx.step.run).toHaveBeenCalledWith(id, expect.any(Function));
    }
    expect(await db.inboundMessage.findUnique({ where: { id: receiptDue } })).toBeNull();
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: bodyDue } })).toMatchObject({ body: null, status: "processed" });
    expect((await db.inboundMessage.findUniqueOrThrow({ where: { id: young } })).body).not.toBeNull();

    // A second run (or a retried step) finds nothing more to do.
    const again = await new InngestTestEngine({ function: purgeRetention }).execute();
    expect(again.result).toEqual({ receipts: 0, issues: 0, rawBodies: 0, dedupeKeys: 0, throttles: 0, callbackEvents: 0 });
  });
});
