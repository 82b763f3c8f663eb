// The audit trail outlives the connection (a deleted one stays listed, read-only),
// and the actions that were not audited are: "Send test" (in send-test-message.db.test.ts)
// and message retries.
import { describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/crypto/random-token";
import { db } from "@/lib/db/client";
import { landMessage } from "@/lib/ingest/front-door/land-message";
import { whenQueueIdle } from "@/lib/ingest/dispatch/in-process-queue";
import { listMessages } from "@/lib/ingest/messages/list-messages";
import { retryMessage } from "@/lib/ingest/messages/retry-message";
import { sendTestMessage } from "@/lib/ingest/messages/send-test-message";
import { addUser, createCompany } from "@/lib/test/factories";
import { createConnection } from "./create-connection";
import { deleteConnection } from "./delete-connection";
import { endGrace } from "./end-grace";
import { findConnection } from "./find-connection";
import { listAuditEvents } from "./list-audit-events";
import { listConnections } from "./list-connections";
import { renameConnection } from "./rename-connection";
import { rotateSecret } from "./rotate-secret";
import { rotateToken } from "./rotate-token";
import { setConnectionStatus } from "./set-connection-status";
import { updateConnectionSettings } from "./update-connection-settings";

const failedMessage = async ({ companyId, connectionId }: { companyId: string; connectionId: string }): Promise<string> => {
  const body = Buffer.from(JSON.stringify({ positions: [], n: Math.random() }));
  const { messageId } = await landMessage({ companyId, connectionId, body, bodySha256: sha256Hex(body), idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun: false });
  await db.inboundMessage.update({ where: { id: messageId }, data: { status: "failed", attempts: 3, lastError: "Processing failed.", lastErrorCode: "processing_failed" } });
  return messageId;
};

describe("a deleted connection", () => {
  it("is listed under Deleted only, and opens with its audit trail and messages", async () => {
    const { admin, companyId } = await createCompany();
    const kept = await createConnection({ actor: admin, name: "Kept", connector: "webfleet" });
    const gone = await createConnection({ actor: admin, name: "Gone", connector: "geotab" });
    const messageId = await failedMessage({ companyId, connectionId: gone.connectionId });
    await renameConnection({ actor: admin, connectionId: gone.connectionId, name: "Gone for good" });
    const deletedAt = new Date();
    await deleteConnection({ actor: admin, connectionId: gone.connectionId, confirmName: "Gone for good", now: deletedAt });

    expect((await listConnections({ companyId })).map((c) => c.id)).toEqual([kept.connectionId]);
    expect(await listConnections({ companyId, deleted: true })).toMatchObject([{ id: gone.connectionId, name: "Gone for good", connectorLabel: "Geotab", deletedAt, lastMessageAt: expect.any(Date) }]);
    expect(await findConnection({ companyId, connectionId: gone.connectionId })).toBeNull();
    expect(await findConnection({ companyId, connectionId: gone.connectionId, includeDeleted: true })).toMatchObject({ name: "Gone for good", deletedAt });
    expect(await findConnection({ companyId, connectionId: kept.connectionId, includeDeleted: true })).toMatchObject({ deletedAt: null });
    expect((await listAuditEvents({ companyId, connectionId: gone.connectionId })).map((e) => [e.action, e.actorName])).toEqual([["deleted", "Ada Admin"], ["renamed", "Ada Admin"], ["created", "Ada Admin"]]);
    expect((await listMessages({ companyId, connectionId: gone.connectionId })).map((m) => m.id)).toEqual([messageId]);
  });

  it("stays not found for another company, listed or opened", async () => {
    const a = await createCompany("A");
    const b = await createCompany("B");
    const { connectionId } = await createConnection({ actor: a.admin, name: "Secret feed", connector: "inbound-webhook" });
    await deleteConnection({ actor: a.admin, connectionId, confirmName: "Secret feed" });
    expect(await listConnections({ companyId: b.companyId, deleted: true })).toEqual([]);
    expect(await findConnection({ companyId: b.companyId, connectionId, includeDeleted: true })).toBeNull();
    expect(await listAuditEvents({ companyId: b.companyId, connectionId })).toEqual([]);
    expect(await listMessages({ companyId: b.companyId, connectionId })).toEqual([]);
  });

  it("takes no credential, settings or message action", async () => {
    const { admin, companyId } = await createCompany();
    const { connectionId } = await createConnection({ actor: admin, name: "C", connector: "inbound-webhook" });
    await rotateSecret({ actor: admin, connectionId, grace: "24h" });
    const messageId = await failedMessage({ companyId, connectionId });
    await deleteConnection({ actor: admin, connectionId, confirmName: "C" });
    const attempts = [
      () => rotateToken({ actor: admin, connectionId, grace: "24h" }),
      () => rotateSecret({ actor: admin, connectionId, grace: "24h" }),
      () => endGrace({ actor: admin, connectionId, credential: "secret" }),
      () => setConnectionStatus({ actor: admin, connectionId, status: "paused" }),
      () => renameConnection({ actor: admin, connectionId, name: "Back" }),
      () => updateConnectionSettings({ actor: admin, connectionId, changes: { requireTimestamp: true } }),
      () => deleteConnection({ actor: admin, connectionId, confirmName: "C" }),
      () => sendTestMessage({ actor: admin, connectionId }),
      () => retryMessage({ actor: admin, connectionId, messageId }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "not_found" });
    expect((await listAuditEvents({ companyId, connectionId })).map((e) => e.action)).toEqual(["deleted", "secret_rotated", "created"]);
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ status: "failed" });
  });
});

describe("retrying a failed message", () => {
  it("is audited with who, when and the message id", async () => {
    const { admin, companyId } = await createCompany();
    const { connectionId } = await createConnection({ actor: admin, name: "C", connector: "inbound-webhook" });
    const messageId = await failedMessage({ companyId, connectionId });
    const before = Date.now();
    await retryMessage({ actor: admin, connectionId, messageId });
    await whenQueueIdle();
    const [event] = await listAuditEvents({ companyId, connectionId });
    expect(event).toMatchObject({ action: "message_retried", actorName: "Ada Admin", details: { messageId } });
    expect(event!.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(await db.connectionAuditEvent.findUniqueOrThrow({ where: { id: event!.id } })).toMatchObject({ actorId: admin.id, companyId });
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ lastError: null, lastErrorCode: null });
    expect((await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId } })).status).not.toBe("failed");
  });

  it("is refused, and not audited, for a message of another company or connection, one that has not failed, or a member", async () => {
    const a = await createCompany("A");
    const b = await createCompany("B");
    const ca = await createConnection({ actor: a.admin, name: "A1", connector: "inbound-webhook" });
    const ca2 = await createConnection({ actor: a.admin, name: "A2", connector: "inbound-webhook" });
    const cb = await createConnection({ actor: b.admin, name: "B1", connector: "inbound-webhook" });
    const aMessage = await failedMessage({ companyId: a.companyId, connectionId: ca.connectionId });
    const bMessage = await failedMessage({ companyId: b.companyId, connectionId: cb.connectionId });
    const member = await addUser({ admin: a.admin });
    await expect(retryMessage({ actor: a.admin, connectionId: ca.connectionId, messageId: bMessage })).rejects.toMatchObject({ code: "not_found" });
    await expect(retryMessage({ actor: a.admin, connectionId: cb.connectionId, messageId: bMessage })).rejects.toMatchObject({ code: "not_found" });
    await expect(retryMessage({ actor: a.admin, connectionId: ca2.connectionId, messageId: aMessage })).rejects.toMatchObject({ code: "not_found" });
    await expect(retryMessage({ actor: member, connectionId: ca.connectionId, messageId: aMessage })).rejects.toMatchObject({ code: "forbidden" });
    await db.inboundMessage.update({ where: { id: aMessage }, data: { status: "processed" } });
    await expect(retryMessage({ actor: a.admin, connectionId: ca.connectionId, messageId: aMessage })).rejects.toMatchObject({ code: "not_found" });
    for (const [companyId, connectionId] of [[a.companyId, ca.connectionId], [a.companyId, ca2.connectionId], [b.companyId, cb.connectionId]] as const) {
      expect((await listAuditEvents({ companyId, connectionId })).map((e) => e.action)).toEqual(["created"]);
    }
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: bMessage } })).toMatchObject({ status: "failed" });
  });

  it("is refused with a clear reason for a message whose raw body retention removed", async () => {
    const { admin, companyId } = await createCompany();
    const { connectionId } = await createConnection({ actor: admin, name: "P", connector: "inbound-webhook" });
    const messageId = await failedMessage({ companyId, connectionId });
    await db.inboundMessage.update({ where: { id: messageId }, data: { body: null, bodyPurgedAt: new Date() } });
    await expect(retryMessage({ actor: admin, connectionId, messageId })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("removed by retention") });
    expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ status: "failed" });
    expect((await listAuditEvents({ companyId, connectionId })).map((e) => e.action)).toEqual(["created"]);
  });
});
