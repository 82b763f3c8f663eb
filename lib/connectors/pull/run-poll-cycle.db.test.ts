// The poll cycle's guarantees, with an in-memory vendor: pages land through
// the front door's landing and are processed; the cursor moves only after
// commit; a failed landing re-fetches without losing or doubling anything;
// 3 authentication failures stop polling; paused connections are skipped;
// a claim is exclusive.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createConnection } from "@/lib/integrations/create-connection";
import { setConnectionStatus } from "@/lib/integrations/set-connection-status";
import { whenQueueIdle } from "@/lib/ingest/dispatch/in-process-queue";
import * as landing from "@/lib/ingest/front-door/land-message";
import { createCompany } from "@/lib/test/factories";
import { vi } from "vitest";
import { claimDuePolls } from "./claim-due-polls";
import { registerPullConnector } from "./registry";
import { runPollCycle } from "./run-poll-cycle";
import { schedulePoll } from "./schedule-poll";
import type { TFetchResult, TPullContext, TPullError } from "./types";

// A vendor with numbered fixes; the cursor is the index of the next one; pages of 2.
const vendor = { fixes: [] as { unit: string; at: string }[], failWith: null as TPullError | null, fetches: [] as unknown[] };
registerPullConnector({
  slug: "carrier-rest",
  minIntervalSeconds: 1,
  fetchPage: async ({ cursor }: TPullContext): Promise<TFetchResult> => {
    vendor.fetches.push(cursor);
    if (vendor.failWith) return { ok: false, error: vendor.failWith };
    const from = typeof cursor === "number" ? cursor : 0;
    const page = vendor.fixes.slice(from, from + 2);
    return {
      ok: true,
      session: { token: `t${from}` },
      page: {
        messages: page.length === 0 ? [] : [{ envelope: { positions: page.map((f) => ({ externalUnitId: f.unit, at: f.at, lat: 50, lng: 8 })), plans: [], availability: [] }, recordKeys: page.map((f) => `${f.unit}@${f.at}`) }],
        vendorPayload: { body: JSON.stringify(page), contentType: "application/json" },
        nextCursor: from + page.length,
        hasMore: from + page.length < vendor.fixes.length,
      },
    };
  },
});

const fix = (n: number) => ({ unit: `U${n % 3}`, at: new Date(Date.UTC(2026, 11, 1, 10, 0, n)).toISOString() });

const setup = async () => {
  const { admin, companyId } = await createCompany();
  const { connectionId } = await createConnection({ actor: admin, name: "Pull", connector: "carrier-rest" });
  await schedulePoll({ connectionId, companyId, intervalSeconds: 60 });
  vendor.fixes = Array.from({ length: 5 }, (_, n) => fix(n));
  vendor.failWith = null;
  vendor.fetches = [];
  const cycle = async () => {
    const [claim] = await claimDuePolls({ limit: 1, leaseMs: 60_000, connectionId });
    expect(claim).toBeDefined();
    const outcome = await runPollCycle(claim!);
    await whenQueueIdle();
    return outcome;
  };
  const due = () => db.connectorPoll.update({ where: { connectionId }, data: { nextPollAt: new Date(Date.now() - 1000) } });
  const stored = async () => (await db.position.findMany({ where: { companyId }, orderBy: { at: "asc" } })).length;
  return { admin, companyId, connectionId, cycle, due, stored };
};

afterEach(() => vi.restoreAllMocks());

describe("a poll cycle", () => {
  it("lands every page as a pulled message with the vendor's payload, processes it, and moves the cursor", async () => {
    const { connectionId, cycle, stored } = await setup();
    const outcome = await cycle();
    expect(outcome).toMatchObject({ outcome: "ok", pages: 3, records: 5 });
    expect(await stored()).toBe(5);
    const messages = await db.inboundMessage.findMany({ where: { connectionId }, orderBy: { receivedAt: "asc" } });
    expect(messages.map((m) => [m.origin, m.signatureVariant, m.status])).toEqual(Array(3).fill(["poll", null, "processed"]));
    expect(JSON.parse(Buffer.from(messages[0]!.vendorPayload!).toString())).toHaveLength(2);
    const poll = await db.connectorPoll.findUniqueOrThrow({ where: { connectionId } });
    expect(poll).toMatchObject({ cursor: 5, lockedUntil: null, lastPollOutcome: "ok", lastPollPages: 3, lastPollRecords: 5, failures: 0 });
    expect(poll.sessionCiphertext).toMatch(/^v2\./);
    expect(poll.nextPollAt!.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it("re-fetches a page whose landing failed, and neither loses nor doubles anything", async () => {
    const { connectionId, cycle, due, stored } = await setup();
    const real = landing.landMessage;
    let calls = 0;
    vi.spyOn(landing, "landMessage").mockImplementation(async (input) => {
      calls += 1;
      if (calls === 2) throw new Error("the database went away");
      return real(input);
    });
    expect(await cycle()).toMatchObject({ outcome: "error", pages: 1, error: { kind: "transient" } });
    expect((await db.connectorPoll.findUniqueOrThrow({ where: { connectionId } })).cursor).toBe(2);
    await due();
    expect(await cycle()).toMatchObject({ outcome: "ok", pages: 2 });
    expect(await stored()).toBe(5);
    // The page is fetched again from the committed cursor, and landing the same records twice stores them once.
    await db.connectorPoll.update({ where: { connectionId }, data: { cursor: 0 } });
    await due();
    await cycle();
    expect(await stored()).toBe(5);
    expect(await db.inboundMessage.count({ where: { connectionId } })).toBe(3);
  });

  it("stops after 3 authentication failures in a row with the vendor's message, and resumes when credentials are saved", async () => {
    const { companyId, connectionId, cycle, due } = await setup();
    vendor.failWith = { kind: "auth", message: "Invalid credentials (vendor)" };
    expect(await cycle()).toMatchObject({ outcome: "error" });
    await due();
    expect(await cycle()).toMatchObject({ outcome: "error" });
    await due();
    expect(await cycle()).toMatchObject({ outcome: "needs_attention", nextPollAt: null });
    expect(await db.connectorPoll.findUniqueOrThrow({ where: { connectionId } })).toMatchObject({ attentionMessage: "Invalid credentials (vendor)", nextPollAt: null, authFailures: 3 });
    expect(await claimDuePolls({ limit: 5, leaseMs: 60_000, connectionId })).toEqual([]);
    vendor.failWith = null;
    await schedulePoll({ connectionId, companyId, resume: true });
    expect(await cycle()).toMatchObject({ outcome: "ok", pages: 3 });
  });

  it("backs off after failures (at least what a rate limit asks), and skips a paused connection", async () => {
    const { admin, connectionId, cycle, due } = await setup();
    vendor.failWith = { kind: "rate_limited", message: "8011 quota", retryAfterMs: 90_000 };
    const limited = await cycle();
    expect(limited.nextPollAt!.getTime() - Date.now()).toBeGreaterThanOrEqual(89_000);
    vendor.failWith = null;
    await due();
    await setConnectionStatus({ actor: admin, connectionId, status: "paused" });
    expect(await cycle()).toMatchObject({ outcome: "skipped" });
    expect(vendor.fetches).toHaveLength(1);
  });

  it("is claimed by one instance at a time, and a cycle that lost its claim stores nothing", async () => {
    const { connectionId } = await setup();
    const [first, second] = await Promise.all([claimDuePolls({ limit: 1, leaseMs: 60_000, connectionId }), claimDuePolls({ limit: 1, leaseMs: 60_000, connectionId })]);
    expect(first!.length + second!.length).toBe(1);
    const claim = (first!.length ? first! : second!)[0]!;
    await db.connectorPoll.update({ where: { connectionId }, data: { lockedUntil: new Date(Date.now() + 120_000) } });
    await runPollCycle(claim);
    expect((await db.connectorPoll.findUniqueOrThrow({ where: { connectionId } })).cursor).toBeNull();
  });
});
