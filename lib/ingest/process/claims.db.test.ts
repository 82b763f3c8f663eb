// A message is processed by one run at a time, its receipt written once and
// with the settings it was first normalised with; a failure leaves a reason
// code and a sentence safe for every user of the company, never internals.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sha256Hex } from "@/lib/crypto/random-token";
import { createConnection } from "@/lib/integrations/create-connection";
import { updateConnectionSettings } from "@/lib/integrations/update-connection-settings";
import { enqueueInProcess, whenQueueIdle } from "@/lib/ingest/dispatch/in-process-queue";
import { landMessage } from "@/lib/ingest/front-door/land-message";
import { createCompany } from "@/lib/test/factories";
import { claimMessages } from "./claim-messages";
import { forgetNormalizedMessage } from "./load-normalized-message";
import { processMessages } from "./process-messages";

const direct = <T>(_id: string, work: () => Promise<T>) => work();

const setup = async () => {
  const { admin, companyId } = await createCompany();
  const { connectionId } = await createConnection({ actor: admin, name: "Claims", connector: "inbound-webhook" });
  const land = async (envelope: object) => {
    const body = Buffer.from(JSON.stringify(envelope));
    return (await landMessage({ companyId, connectionId, body, bodySha256: sha256Hex(body), idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun: false })).messageId;
  };
  return { admin, companyId, connectionId, land };
};

describe("claims", () => {
  it("lets exactly one of several concurrent runs process a message, and writes its receipt once", async () => {
    const { companyId, land } = await setup();
    const messageId = await land({ positions: [{ externalUnitId: "A", at: "2026-07-01T10:00:00Z", lat: 50, lng: 8 }, { externalUnitId: "A", at: "bad", lat: 50, lng: 8 }] });
    const runs = await Promise.all(Array.from({ length: 5 }, (_, i) => processMessages({ messageIds: [messageId], runStep: direct, claimToken: `run-${i}` })));
    expect(runs.filter((r) => messageId in r.processed)).toHaveLength(1);
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ status: "processed", attempts: 1, claimToken: null });
    expect(await db.ingestIssue.count({ where: { messageId } })).toBe(1);
    expect(await db.position.count({ where: { companyId } })).toBe(1);
  });

  it("normalises with the settings of the first claim, even when they change between the claim and a later step", async () => {
    const { admin, connectionId, land } = await setup();
    const messageId = await land({ positions: [{ externalUnitId: "A", at: new Date(Date.now() - 3 * 3_600_000).toISOString(), lat: 50, lng: 8 }] });
    const claimToken = "run-with-a-pause";
    await claimMessages({ messageIds: [messageId], claimToken });
    // An Inngest run's later steps can run after a settings change, on another process with an empty cache.
    await updateConnectionSettings({ actor: admin, connectionId, changes: { maxAgeSeconds: 3_600 } });
    forgetNormalizedMessage(messageId);
    await processMessages({ messageIds: [messageId], runStep: direct, claimToken });
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ status: "processed", acceptedTotal: 1, droppedTotal: 0 });
  });

  it("gives the same receipt when the message is processed again after its connection's settings changed", async () => {
    const { admin, connectionId, land } = await setup();
    const messageId = await land({ positions: [{ externalUnitId: "A", at: new Date(Date.now() - 3 * 3_600_000).toISOString(), lat: 50, lng: 8 }] });
    await processMessages({ messageIds: [messageId], runStep: direct });
    const first = await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId }, include: { issues: { omit: { id: true } } } });
    expect(first).toMatchObject({ acceptedTotal: 1, normalizedWith: {} });
    // A maximum age of one hour would make that fix stale, if it were normalised anew.
    await updateConnectionSettings({ actor: admin, connectionId, changes: { maxAgeSeconds: 3_600 } });
    await db.inboundMessage.update({ where: { id: messageId }, data: { status: "received" } });
    forgetNormalizedMessage(messageId);
    await processMessages({ messageIds: [messageId], runStep: direct });
    const again = await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId }, include: { issues: { omit: { id: true } } } });
    expect({ counts: again.counts, issues: again.issues, acceptedTotal: again.acceptedTotal }).toEqual({ counts: first.counts, issues: first.issues, acceptedTotal: first.acceptedTotal });
  });
});

describe("failures", () => {
  it("store a reason code and a safe sentence, never the database's error text", async () => {
    const { companyId, land } = await setup();
    const messageId = await land({ plans: [{ externalUnitId: "U", externalPlanId: "P", legs: [{ seq: 0, kind: "pickup" }] }] });
    await db.$executeRawUnsafe(`ALTER TABLE plan_legs RENAME TO plan_legs_offline`);
    try {
      enqueueInProcess({ messageId, companyId });
      await whenQueueIdle();
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE plan_legs_offline RENAME TO plan_legs`);
    }
    const message = await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId } });
    expect(message).toMatchObject({ status: "failed", attempts: 3, lastErrorCode: "processing_error", claimToken: null });
    expect(message.lastError).toBe("Processing failed on our side. The message is kept; retry it from this page.");
    expect(message.lastError).not.toMatch(/plan_legs|prisma|invocation|\/work|\.ts|42P01/i);
  }, 20_000);
});
