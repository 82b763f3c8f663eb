import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sha256Hex } from "@/lib/crypto/random-token";
import { createConnection } from "@/lib/integrations/create-connection";
import { EXAMPLE_ENVELOPE } from "@/lib/integrations/example-envelope";
import { landMessage } from "@/lib/ingest/front-door/land-message";
import { createCompany } from "@/lib/test/factories";
import { processInboundMessage } from "./process-inbound-message";

const land = async () => {
  const { admin, companyId } = await createCompany();
  const { connectionId } = await createConnection({ actor: admin, name: "Feed", connector: "inbound-webhook" });
  const body = Buffer.from(JSON.stringify(EXAMPLE_ENVELOPE));
  const { messageId } = await landMessage({ companyId, connectionId, body, bodySha256: sha256Hex(body), idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun: false });
  return { companyId, messageId };
};

const event = (messageId: string) => [{ name: "carriers/inbound-message.received", data: { messageId } }] as [{ name: string; data: { messageId: string } }];

describe("process-inbound-message (Inngest)", () => {
  it("runs every step and processes the message", async () => {
    const { companyId, messageId } = await land();
    const t = new InngestTestEngine({ function: processInboundMessage });
    const { result, ctx } = await t.execute({ events: event(messageId) });
    expect(result).toMatchObject({ status: "processed", counts: { positions: { accepted: 1 }, plans: { accepted: 1 }, availability: { accepted: 1 } } });
    for (const id of ["claim-messages", "upsert-units", "write-positions", "upsert-plans", "upsert-availability", "finish-receipts", "notify-listeners", "kick-callbacks"]) {
      expect(ctx.step.run).toHaveBeenCalledWith(id, expect.any(Function));
    }
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ status: "processed", attempts: 1 });
    expect(await db.unit.count({ where: { companyId } })).toBe(2);
  });

  it("skips a message that is already processed", async () => {
    const { messageId } = await land();
    await new InngestTestEngine({ function: processInboundMessage }).execute({ events: event(messageId) });
    // A duplicate event is a new run.
    const { result } = await new InngestTestEngine({ function: processInboundMessage }).execute({ events: event(messageId) });
    expect(result).toEqual({ status: "skipped" });
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ attempts: 1 });
  });

  it("surfaces a failing step so Inngest retries it, and the retry (same run, memoized claim) completes", async () => {
    const { companyId, messageId } = await land();
    await db.$executeRawUnsafe(`ALTER TABLE plan_legs RENAME TO plan_legs_offline`);
    try {
      const failed = await new InngestTestEngine({ function: processInboundMessage }).execute({ events: event(messageId) });
      expect(String((failed.error as Error | undefined)?.message)).toContain("plan_legs");
      expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ status: "processing" });
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE plan_legs_offline RENAME TO plan_legs`);
    }
    // Another run cannot take the message while the first one holds it...
    expect((await new InngestTestEngine({ function: processInboundMessage }).execute({ events: event(messageId) })).result).toEqual({ status: "skipped" });
    // ...but Inngest retries the failed step within the same run, replaying the claim step's memoized data.
    const { claimToken } = await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId } });
    const retried = await new InngestTestEngine({ function: processInboundMessage, steps: [{ id: "claim-messages", handler: () => ({ token: claimToken, claimed: [messageId] }) }] }).execute({ events: event(messageId) });
    expect(retried.result).toMatchObject({ status: "processed" });
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ status: "processed", attempts: 1, claimToken: null });
    expect(await db.position.count({ where: { companyId } })).toBe(1);
    expect(await db.planLeg.count({ where: { plan: { companyId } } })).toBe(1);
  });
});
