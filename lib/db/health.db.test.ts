import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it, vi } from "vitest";
import { PrismaClient } from "@/lib/db/generated/client";
import { createConnection } from "@/lib/integrations/create-connection";
import { createCompany } from "@/lib/test/factories";
import { db } from "./client";
import { getDatabaseHealth } from "./get-database-health";
import { healthResponse } from "./health-response";

/** A message landed `ageMs` ago and left in `status`, as a stalled processor would leave it. */
const landMessage = async ({ ageMs, status }: { ageMs: number; status: "received" | "processing" | "processed" | "failed" }) => {
  const { admin } = await createCompany();
  const { connectionId } = await createConnection({ actor: admin, name: "Health", connector: "inbound-webhook" });
  const id = randomUUID();
  await db.inboundMessage.create({
    data: { id, companyId: admin.companyId, connectionId, receivedAt: new Date(Date.now() - ageMs), body: Buffer.from("{}"), bodySha256: randomUUID(), signatureVariant: "current", status },
  });
  return id;
};

describe("database health", () => {
  it("is up, with 200, when the database answers, and names the processing mode", async () => {
    const health = await getDatabaseHealth();
    expect(health.database.status).toBe("up");
    expect(health.processing).toMatchObject({ mode: "in-process", status: "ok", oldestUnprocessedAgeSeconds: null, maxBacklogAgeSeconds: 300 });
    const response = healthResponse(health);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { status: "up" }, processing: { mode: "in-process", status: "ok" } });
  });

  it("is down, with 503 and Retry-After, when the database is unreachable", async () => {
    // Port 1 on loopback: nothing listens, so the connection is refused.
    const unreachable = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://nobody@127.0.0.1:1/none", connectionTimeoutMillis: 500 }) });
    const health = await getDatabaseHealth({ client: unreachable, timeoutMs: 2_000 });
    expect(health.database.status).toBe("down");
    expect(health.processing.status).toBe("unknown");
    const response = healthResponse(health);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({ error: { code: "database_unavailable" } });
    await unreachable.$disconnect();
  });
});

describe("processing health", () => {
  it("reports the oldest unprocessed message's age, and is degraded (still 200) past the threshold", async () => {
    await landMessage({ ageMs: 60 * 60_000, status: "processed" });
    await landMessage({ ageMs: 2 * 60 * 60_000, status: "failed" });
    const young = await landMessage({ ageMs: 60_000, status: "received" });
    const fine = await getDatabaseHealth();
    expect(fine.processing.status).toBe("ok");
    expect(fine.processing.oldestUnprocessedAgeSeconds).toBeGreaterThanOrEqual(60);
    expect(fine.processing.oldestUnprocessedAgeSeconds).toBeLessThan(120);

    const stalled = await landMessage({ ageMs: 10 * 60_000, status: "processing" });
    const degraded = await getDatabaseHealth();
    expect(degraded.processing).toMatchObject({ status: "degraded", mode: "in-process" });
    expect(degraded.processing.oldestUnprocessedAgeSeconds).toBeGreaterThanOrEqual(600);
    const response = healthResponse(degraded);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "degraded", processing: { status: "degraded" } });

    await db.inboundMessage.updateMany({ where: { id: { in: [young, stalled] } }, data: { status: "processed" } });
    expect((await getDatabaseHealth()).processing).toMatchObject({ status: "ok", oldestUnprocessedAgeSeconds: null });
  });

  it("names the Inngest mode when Inngest is configured", async () => {
    vi.resetModules();
    vi.doMock("@/lib/env", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/env")>()), isInngestEnabled: () => true }));
    try {
      const { getDatabaseHealth: inngestHealth } = await import("./get-database-health");
      expect((await inngestHealth()).processing.mode).toBe("inngest");
    } finally {
      vi.doUnmock("@/lib/env");
      vi.resetModules();
    }
  });

  it("reports the start-up secrets check, degraded (still 200) when stored secrets cannot be read", async () => {
    const health = await getDatabaseHealth();
    const unreadable = healthResponse(health, { status: "error", resealNeeded: false, problems: 1 });
    expect(unreadable.status).toBe(200);
    expect(await unreadable.json()).toMatchObject({ status: "degraded", secrets: { status: "error", problems: 1 } });
    expect(await healthResponse(health, { status: "ok", resealNeeded: true, problems: 0 }).json()).toMatchObject({ status: "ok", secrets: { status: "ok", resealNeeded: true } });
  });
});
