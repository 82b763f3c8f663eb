// "Send test" over real HTTP: where its request goes, and what it believes of the answer.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sendTestAction } from "@/app/(portal)/fleet/integrations/actions";
import { sealSecret, randomSecretKey } from "@/lib/crypto/secret-box";
import { createKeyring } from "@/lib/crypto/secret-keyring";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createConnection } from "@/lib/integrations/create-connection";
import { secretContext } from "@/lib/integrations/credentials";
import { deleteConnection } from "@/lib/integrations/delete-connection";
import { findConnectionByToken } from "@/lib/integrations/find-connection-by-token";
import { listAuditEvents } from "@/lib/integrations/list-audit-events";
import { resetRateLimits } from "@/lib/ingest/front-door/rate-limiter";
import { addUser, createCompany } from "@/lib/test/factories";
import { settle, startFrontDoor, type TFrontDoor } from "@/lib/test/front-door-server";
import type { TTestSessionUser } from "@/lib/test/route-request";
import { sendTestMessage, type TTestResult } from "./send-test-message";

// The request the server action runs in: its session user and the headers the client sent.
const request = vi.hoisted(() => ({ user: null as TTestSessionUser | null, headers: new Headers() }));
vi.mock("@/lib/auth/get-session-user", () => ({ getSessionUser: async () => request.user }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

type TRecorded = { url: string; headers: IncomingMessage["headers"]; body: string };
type TFake = { origin: string; host: string; requests: TRecorded[]; close: () => Promise<void> };

/** A server on loopback that records every request and answers 202 with whatever message id it is told to. */
const startFake = async (answer: () => object): Promise<TFake> => {
  const requests: TRecorded[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      requests.push({ url: req.url ?? "", headers: req.headers, body });
      res.writeHead(202, { "content-type": "application/json" }).end(JSON.stringify(answer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
};

let frontDoor: TFrontDoor;
const saved = { PORT: env.PORT, INTERNAL_BASE_URL: env.INTERNAL_BASE_URL };
beforeAll(async () => {
  frontDoor = await startFrontDoor();
});
afterAll(() => frontDoor.close());
beforeEach(() => {
  resetRateLimits();
  // As under `next start -p <port>`: the front door is this process's own port, and no INTERNAL_BASE_URL is set.
  env.PORT = Number(new URL(frontDoor.origin).port);
  env.INTERNAL_BASE_URL = undefined;
});
afterEach(() => Object.assign(env, saved));

const setup = async (name = "Acme Haulage") => {
  const { admin, companyId } = await createCompany(name);
  const created = await createConnection({ actor: admin, name: "Feed", connector: "inbound-webhook" });
  return { admin, companyId, ...created };
};
const asUser = (c: Awaited<ReturnType<typeof setup>>) => {
  request.user = { id: c.admin.id, companyId: c.companyId, role: "admin", name: "Ada Admin", email: c.admin.email, companyName: "x" };
};
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe("where Send test sends its request", () => {
  it("is this server's own front door, whatever Host and X-Forwarded-* the request carried", async () => {
    const c = await setup();
    const attacker = await startFake(() => ({ messageId: "x", status: "accepted" }));
    try {
      asUser(c);
      request.headers = new Headers({ host: attacker.host, "x-forwarded-host": attacker.host, "x-forwarded-proto": "http", forwarded: `host=${attacker.host}` });
      const result = await sendTestAction(null, form({ connectionId: c.connectionId }));
      expect(attacker.requests).toEqual([]);
      expect(result).toMatchObject({ ok: true, data: { passed: true, messageId: expect.any(String) } });
      const { messageId } = (result as { data: TTestResult }).data;
      expect(await db.inboundMessage.findUniqueOrThrow({ where: { id: messageId! } })).toMatchObject({ companyId: c.companyId, connectionId: c.connectionId, dryRun: true, status: "processed" });
    } finally {
      await attacker.close();
    }
  });

  it("is INTERNAL_BASE_URL when it is set", async () => {
    const c = await setup();
    const internal = await startFake(() => ({ messageId: "not-a-message", status: "accepted" }));
    try {
      env.INTERNAL_BASE_URL = `${internal.origin}/`;
      const result = await sendTestMessage({ actor: c.admin, connectionId: c.connectionId });
      expect(internal.requests).toHaveLength(1);
      expect(internal.requests[0]!.url).toMatch(/^\/api\/v1\/carriers-module\/my-company\/integrations\/inbound\/inbound-webhook\/[\w-]{43}$/);
      expect(result.passed).toBe(false);
    } finally {
      await internal.close();
    }
  });

  it("follows no redirect: a 3xx is a failed test, and nothing is sent on", async () => {
    const c = await setup();
    const elsewhere = await startFake(() => ({}));
    const redirector = createServer((_req, res) => res.writeHead(307, { location: `${elsewhere.origin}/steal` }).end());
    await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
    try {
      env.INTERNAL_BASE_URL = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
      const result = await sendTestMessage({ actor: c.admin, connectionId: c.connectionId });
      expect(result.passed).toBe(false);
      expect(result.stages[0]).toMatchObject({ name: "HTTP status", ok: false, detail: expect.stringMatching(/^307/) });
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await new Promise((resolve) => redirector.close(resolve));
      await elsewhere.close();
    }
  });
});

describe("what Send test believes of the answer", () => {
  it("never reports a message of another company, another connection, or an earlier test", async () => {
    const a = await setup("A");
    const b = await setup("B");
    const aOther = await createConnection({ actor: a.admin, name: "Other feed", connector: "inbound-webhook" });
    // Real, processed dry-run messages the fake server will name: B's own test, A's other connection's, and A's earlier test.
    const bTest = await sendTestMessage({ actor: b.admin, connectionId: b.connectionId });
    const otherTest = await sendTestMessage({ actor: a.admin, connectionId: aOther.connectionId });
    const earlier = await sendTestMessage({ actor: a.admin, connectionId: a.connectionId, now: new Date(Date.now() - 60_000) });
    for (const r of [bTest, otherTest, earlier]) expect(r.passed).toBe(true);

    for (const named of [bTest.messageId!, otherTest.messageId!, earlier.messageId!]) {
      const fake = await startFake(() => ({ messageId: named, status: "accepted" }));
      try {
        env.INTERNAL_BASE_URL = fake.origin;
        const result = await sendTestMessage({ actor: a.admin, connectionId: a.connectionId });
        expect(fake.requests).toHaveLength(1);
        expect(result.passed).toBe(false);
        expect(result.messageId).toBeNull();
        expect(result.stages.find((s) => s.name === "Landed")).toMatchObject({ ok: false });
        expect(result.stages.map((s) => s.name)).not.toContain("Processed");
        expect(JSON.stringify(result)).not.toContain(named);
      } finally {
        await fake.close();
      }
    }
  });
});

describe("the test token", () => {
  it("works only for this test, and stops when the test is done", async () => {
    const c = await setup();
    let seenToken = "";
    const fake = await startFake(() => ({ messageId: "none" }));
    try {
      env.INTERNAL_BASE_URL = fake.origin;
      await sendTestMessage({ actor: c.admin, connectionId: c.connectionId });
      seenToken = fake.requests[0]!.url.split("/").pop()!;
    } finally {
      await fake.close();
    }
    expect(seenToken).toMatch(/^[\w-]{43}$/);
    expect(await findConnectionByToken({ token: seenToken })).toBeNull();
    expect(await db.connection.findUniqueOrThrow({ where: { id: c.connectionId } })).toMatchObject({ testTokenHash: null, testTokenExpiresAt: null });
  });

  it("is issued only to an admin of the company, for a live connection whose secret can be read", async () => {
    const c = await setup();
    const other = await setup("Other");
    const member = await addUser({ admin: c.admin });
    await expect(sendTestMessage({ actor: member, connectionId: c.connectionId })).rejects.toMatchObject({ code: "forbidden" });
    await expect(sendTestMessage({ actor: other.admin, connectionId: c.connectionId })).rejects.toMatchObject({ code: "not_found" });
    const unreadable = sealSecret({ plaintext: "whsec_x", context: secretContext(c.connectionId), keyring: createKeyring({ current: randomSecretKey() }) });
    await db.connection.update({ where: { id: c.connectionId }, data: { secretCiphertext: unreadable } });
    await expect(sendTestMessage({ actor: c.admin, connectionId: c.connectionId })).rejects.toMatchObject({ code: "secret_unavailable" });
    const gone = await setup("Gone");
    await deleteConnection({ actor: gone.admin, connectionId: gone.connectionId, confirmName: "Feed" });
    await expect(sendTestMessage({ actor: gone.admin, connectionId: gone.connectionId })).rejects.toMatchObject({ code: "not_found" });
    for (const id of [c.connectionId, gone.connectionId]) {
      expect(await db.connection.findUniqueOrThrow({ where: { id } })).toMatchObject({ testTokenHash: null });
      expect((await listAuditEvents({ companyId: c.companyId, connectionId: id })).map((e) => e.action)).not.toContain("test_sent");
    }
  });
});

describe("the audit trail", () => {
  it("records who sent a test, when, until when its token was valid, its message and its outcome", async () => {
    const c = await setup();
    const before = new Date();
    const result = await sendTestMessage({ actor: c.admin, connectionId: c.connectionId });
    await settle();
    expect(result.passed).toBe(true);
    const [event] = await listAuditEvents({ companyId: c.companyId, connectionId: c.connectionId });
    expect(event).toMatchObject({ action: "test_sent", actorName: "Ada Admin", details: { messageId: result.messageId, result: "passed", tokenValidUntil: expect.any(String) } });
    expect(event!.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000);
    expect(new Date(String(event!.details.tokenValidUntil)).getTime()).toBeLessThanOrEqual(before.getTime() + 2 * 60_000 + 1_000);
    expect(await db.connectionAuditEvent.findFirstOrThrow({ where: { id: event!.id } })).toMatchObject({ actorId: c.admin.id, companyId: c.companyId });
  });

  it("records a failed test too", async () => {
    const c = await setup();
    env.INTERNAL_BASE_URL = "http://127.0.0.1:9";
    const result = await sendTestMessage({ actor: c.admin, connectionId: c.connectionId });
    expect(result.stages).toMatchObject([{ name: "HTTP request", ok: false, detail: expect.stringContaining("Could not reach the front door at http://127.0.0.1:9") }]);
    const [event] = await listAuditEvents({ companyId: c.companyId, connectionId: c.connectionId });
    expect(event).toMatchObject({ action: "test_sent", details: { messageId: null, result: "failed" } });
  });
});
