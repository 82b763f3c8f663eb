import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addUser, createCompany } from "@/lib/test/factories";
import { createConnection } from "./create-connection";
import { deleteConnection } from "./delete-connection";
import { endGrace } from "./end-grace";
import { findConnection } from "./find-connection";
import { findConnectionByToken } from "./find-connection-by-token";
import { listAuditEvents } from "./list-audit-events";
import { listConnections } from "./list-connections";
import { renameConnection } from "./rename-connection";
import { rotateSecret } from "./rotate-secret";
import { rotateToken } from "./rotate-token";
import { setConnectionStatus } from "./set-connection-status";
import { signingSecrets } from "./signing-secrets";

const HOUR = 3_600_000;

describe("creating a connection", () => {
  it("stores the token only hashed and the secret only encrypted", async () => {
    const { admin } = await createCompany();
    const { connectionId, token, secret } = await createConnection({ actor: admin, name: "Telematics", connector: "inbound-webhook" });
    const row = await db.connection.findUniqueOrThrow({ where: { id: connectionId } });
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(secret.slice(6));
    expect(row).toMatchObject({ status: "active", connector: "inbound_webhook", companyId: admin.companyId, createdById: admin.id });
    expect(signingSecrets({ connection: row })).toEqual([{ variant: "current", secret }]);
    expect((await findConnectionByToken({ token }))?.connection.id).toBe(connectionId);
    expect(await listAuditEvents({ companyId: admin.companyId, connectionId })).toMatchObject([{ action: "created", actorName: "Ada Admin" }]);
  });

  it("shows the connection in the company's list only", async () => {
    const a = await createCompany("A");
    const b = await createCompany("B");
    const { connectionId } = await createConnection({ actor: a.admin, name: "Geotab feed", connector: "geotab" });
    expect((await listConnections({ companyId: a.companyId })).map((c) => c.id)).toEqual([connectionId]);
    expect(await listConnections({ companyId: b.companyId })).toEqual([]);
    expect(await findConnection({ companyId: a.companyId, connectionId })).toMatchObject({ name: "Geotab feed", connector: "geotab", connectorLabel: "Geotab", lastMessageAt: null, messages24h: 0, dropped24h: 0 });
  });
});

describe("rotation and grace", () => {
  it("keeps the previous token valid until the grace deadline, then not", async () => {
    const { admin } = await createCompany();
    const now = new Date();
    const created = await createConnection({ actor: admin, name: "C", connector: "inbound-webhook", now });
    const rotated = await rotateToken({ actor: admin, connectionId: created.connectionId, grace: "1h", now });
    expect(rotated.previousValidUntil).toEqual(new Date(now.getTime() + HOUR));
    expect(await findConnectionByToken({ token: rotated.token, now })).toMatchObject({ tokenVariant: "current" });
    expect(await findConnectionByToken({ token: created.token, now: new Date(now.getTime() + HOUR - 1) })).toMatchObject({ tokenVariant: "previous" });
    expect(await findConnectionByToken({ token: created.token, now: new Date(now.getTime() + HOUR) })).toBeNull();
    const view = await findConnection({ companyId: admin.companyId, connectionId: created.connectionId, now });
    expect(view?.previousTokenExpiresAt).toEqual(rotated.previousValidUntil);
  });

  it("ends an earlier grace at once when rotating again", async () => {
    const { admin } = await createCompany();
    const created = await createConnection({ actor: admin, name: "C", connector: "inbound-webhook" });
    const first = await rotateSecret({ actor: admin, connectionId: created.connectionId, grace: "7d" });
    const second = await rotateSecret({ actor: admin, connectionId: created.connectionId, grace: "24h" });
    const row = await db.connection.findUniqueOrThrow({ where: { id: created.connectionId } });
    const secrets = signingSecrets({ connection: row }).map((s) => s.secret);
    expect(secrets).toEqual([second.secret, first.secret]);
    expect(secrets).not.toContain(created.secret);
  });

  it("stops the old value immediately when asked", async () => {
    const { admin } = await createCompany();
    const created = await createConnection({ actor: admin, name: "C", connector: "inbound-webhook" });
    await rotateToken({ actor: admin, connectionId: created.connectionId, grace: "immediately" });
    expect(await findConnectionByToken({ token: created.token })).toBeNull();
  });

  it("lets an admin end a grace early, and says so when none runs", async () => {
    const { admin } = await createCompany();
    const created = await createConnection({ actor: admin, name: "C", connector: "inbound-webhook" });
    await rotateToken({ actor: admin, connectionId: created.connectionId, grace: "24h" });
    await rotateSecret({ actor: admin, connectionId: created.connectionId, grace: "24h" });
    await endGrace({ actor: admin, connectionId: created.connectionId, credential: "token" });
    await endGrace({ actor: admin, connectionId: created.connectionId, credential: "secret" });
    expect(await findConnectionByToken({ token: created.token })).toBeNull();
    const row = await db.connection.findUniqueOrThrow({ where: { id: created.connectionId } });
    expect(signingSecrets({ connection: row })).toHaveLength(1);
    await expect(endGrace({ actor: admin, connectionId: created.connectionId, credential: "token" })).rejects.toMatchObject({ code: "conflict" });
    const actions = (await listAuditEvents({ companyId: admin.companyId, connectionId: created.connectionId })).map((e) => e.action);
    expect(actions).toEqual(["secret_grace_ended", "token_grace_ended", "secret_rotated", "token_rotated", "created"]);
  });

  it("applies concurrent rotations one after the other", async () => {
    const { admin } = await createCompany();
    const created = await createConnection({ actor: admin, name: "C", connector: "inbound-webhook" });
    const [a, b] = await Promise.all([
      rotateToken({ actor: admin, connectionId: created.connectionId, grace: "24h" }),
      rotateToken({ actor: admin, connectionId: created.connectionId, grace: "24h" }),
    ]);
    const valid = await Promise.all([a.token, b.token].map((token) => findConnectionByToken({ token })));
    // The later rotation's token is current and the earlier one's is its previous: neither is lost.
    expect(valid.map((m) => m?.tokenVariant).sort()).toEqual(["current", "previous"]);
    expect(await findConnectionByToken({ token: created.token })).toBeNull();
  });
});

describe("pause, resume, rename, delete", () => {
  it("changes status and name, with an audit entry for each", async () => {
    const { admin } = await createCompany();
    const { connectionId } = await createConnection({ actor: admin, name: "Old", connector: "webfleet" });
    await setConnectionStatus({ actor: admin, connectionId, status: "paused" });
    expect((await findConnection({ companyId: admin.companyId, connectionId }))?.status).toBe("paused");
    await setConnectionStatus({ actor: admin, connectionId, status: "active" });
    await renameConnection({ actor: admin, connectionId, name: "New" });
    const events = await listAuditEvents({ companyId: admin.companyId, connectionId });
    expect(events.map((e) => e.action)).toEqual(["renamed", "resumed", "paused", "created"]);
    expect(events[0]?.details).toEqual({ from: "Old", to: "New" });
  });

  it("deletes only with the exact name, and the token stops working at once", async () => {
    const { admin } = await createCompany();
    const { connectionId, token } = await createConnection({ actor: admin, name: "Doomed", connector: "email-csv" });
    await expect(deleteConnection({ actor: admin, connectionId, confirmName: "doomed" })).rejects.toMatchObject({ code: "validation_failed" });
    expect(await findConnectionByToken({ token })).not.toBeNull();
    await deleteConnection({ actor: admin, connectionId, confirmName: "Doomed" });
    expect(await findConnectionByToken({ token })).toBeNull();
    expect(await findConnection({ companyId: admin.companyId, connectionId })).toBeNull();
    expect(await listConnections({ companyId: admin.companyId })).toEqual([]);
    await expect(renameConnection({ actor: admin, connectionId, name: "Back" })).rejects.toMatchObject({ code: "not_found" });
    expect((await listAuditEvents({ companyId: admin.companyId, connectionId }))[0]).toMatchObject({ action: "deleted" });
  });
});

describe("who may change a connection", () => {
  it("lets a member change nothing", async () => {
    const { admin } = await createCompany();
    const member = await addUser({ admin });
    const { connectionId } = await createConnection({ actor: admin, name: "C", connector: "inbound-webhook" });
    const attempts = [
      () => createConnection({ actor: member, name: "M", connector: "inbound-webhook" }),
      () => rotateToken({ actor: member, connectionId, grace: "24h" }),
      () => rotateSecret({ actor: member, connectionId, grace: "24h" }),
      () => endGrace({ actor: member, connectionId, credential: "token" }),
      () => setConnectionStatus({ actor: member, connectionId, status: "paused" }),
      () => renameConnection({ actor: member, connectionId, name: "M" }),
      () => deleteConnection({ actor: member, connectionId, confirmName: "C" }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "forbidden" });
    expect(await findConnection({ companyId: admin.companyId, connectionId })).toMatchObject({ name: "C", status: "active" });
    expect(await listAuditEvents({ companyId: admin.companyId, connectionId })).toHaveLength(1);
  });

  it("gives another company not-found for every action", async () => {
    const a = await createCompany("A");
    const b = await createCompany("B");
    const { connectionId } = await createConnection({ actor: a.admin, name: "C", connector: "inbound-webhook" });
    expect(await findConnection({ companyId: b.companyId, connectionId })).toBeNull();
    const attempts = [
      () => rotateToken({ actor: b.admin, connectionId, grace: "24h" }),
      () => rotateSecret({ actor: b.admin, connectionId, grace: "24h" }),
      () => endGrace({ actor: b.admin, connectionId, credential: "secret" }),
      () => setConnectionStatus({ actor: b.admin, connectionId, status: "paused" }),
      () => renameConnection({ actor: b.admin, connectionId, name: "Mine" }),
      () => deleteConnection({ actor: b.admin, connectionId, confirmName: "C" }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "not_found" });
    expect(await listAuditEvents({ companyId: b.companyId, connectionId })).toEqual([]);
    expect(await findConnection({ companyId: a.companyId, connectionId })).toMatchObject({ name: "C", status: "active" });
  });
});
