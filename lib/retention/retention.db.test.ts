// Each retention rule on real rows: what is due goes (in several bounded
// batches), what is young or still waiting stays, and the counts are returned.
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/crypto/random-token";
import { db } from "@/lib/db/client";
import { createConnection } from "@/lib/integrations/create-connection";
import { landMessage } from "@/lib/ingest/front-door/land-message";
import { processMessage } from "@/lib/ingest/process/process-message";
import { createCompany } from "@/lib/test/factories";
import { applyRetention } from "./apply-retention";
import { purgeDedupeKeys } from "./purge-dedupe-keys";
import { purgeRawBodies } from "./purge-raw-bodies";
import { purgeReceipts } from "./purge-receipts";
import { purgeSignInThrottles } from "./purge-sign-in-throttles";
import { startRetentionTimer } from "./start-retention-timer";

// One row per statement: every purge below needs several batches.
const oneByOne = { batchSize: 1, maxBatches: 1_000 };
const DAY_MS = 86_400_000;

let feed: { companyId: string; connectionId: string };

beforeAll(async () => {
  const { admin, companyId } = await createCompany();
  const { connectionId } = await createConnection({ actor: admin, name: "Feed", connector: "inbound-webhook" });
  feed = { companyId, connectionId };
});

// Whatever an earlier test left due is purged first, so counts below are exact.
beforeEach(async () => {
  await applyRetention();
});

/** Lands a message with one good and one dropped position, optionally processes it, and backdates its landing. */
const message = async ({ ageDays, status }: { ageDays: number; status: "received" | "processing" | "processed" | "failed" }) => {
  const body = Buffer.from(
    JSON.stringify({
      positions: [
        { externalUnitId: `U-${randomUUID().slice(0, 8)}`, at: new Date().toISOString(), lat: 48, lng: 11 },
        { externalUnitId: "BAD", at: "yesterday", lat: 48, lng: 11 },
      ],
    }),
  );
  const { messageId } = await landMessage({ ...feed, body, bodySha256: sha256Hex(body), idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun: false });
  if (status === "processed" || status === "failed") await processMessage({ messageId, runStep: (_id, work) => work() });
  if (status !== "processed" && status !== "received") await db.inboundMessage.update({ where: { id: messageId }, data: { status } });
  await db.$executeRaw`UPDATE inbound_messages SET received_at = now() - ${ageDays} * interval '1 day' WHERE id = ${messageId}`;
  return messageId;
};

const row = (id: string) => db.inboundMessage.findUnique({ where: { id }, select: { body: true, bodyPurgedAt: true, status: true, counts: true } });
const issueCount = (messageId: string) => db.ingestIssue.count({ where: { messageId } });

describe("raw body retention", () => {
  it("clears the body of processed and failed messages past the limit, never of one still waiting", async () => {
    const processed = await message({ ageDays: 31, status: "processed" });
    const failed = await message({ ageDays: 31, status: "failed" });
    const received = await message({ ageDays: 31, status: "received" });
    const processing = await message({ ageDays: 31, status: "processing" });
    const young = await message({ ageDays: 29, status: "processed" });
    const before = await row(processed);

    const now = new Date();
    expect(await purgeRawBodies({ days: 30, now, batching: oneByOne })).toBe(2);

    for (const id of [processed, failed]) {
      const purged = await row(id);
      expect(purged?.body).toBeNull();
      expect(purged?.bodyPurgedAt).toEqual(now);
    }
    // The receipt stays: status, counts and dropped entries.
    expect((await row(processed))?.counts).toEqual(before?.counts);
    expect(await issueCount(processed)).toBe(1);
    for (const id of [received, processing, young]) {
      const kept = await row(id);
      expect(kept?.body).not.toBeNull();
      expect(kept?.bodyPurgedAt).toBeNull();
    }
    // Nothing more is due.
    expect(await purgeRawBodies({ days: 30, batching: oneByOne })).toBe(0);
  });
});

describe("receipt retention", () => {
  it("deletes processed and failed messages past the limit with their issues, keeps young and waiting ones", async () => {
    const processed = await message({ ageDays: 91, status: "processed" });
    const failed = await message({ ageDays: 91, status: "failed" });
    const received = await message({ ageDays: 91, status: "received" });
    const young = await message({ ageDays: 89, status: "processed" });
    const oldIssues = (await issueCount(processed)) + (await issueCount(failed));
    expect(oldIssues).toBe(2);

    expect(await purgeReceipts({ days: 90, batching: oneByOne })).toEqual({ messages: 2, issues: oldIssues });

    expect(await row(processed)).toBeNull();
    expect(await row(failed)).toBeNull();
    expect(await issueCount(processed)).toBe(0);
    expect(await row(received)).not.toBeNull();
    expect(await row(young)).not.toBeNull();
    expect(await issueCount(young)).toBe(1);
    expect(await purgeReceipts({ days: 90, batching: oneByOne })).toEqual({ messages: 0, issues: 0 });
  });
});

describe("de-duplication key retention", () => {
  it("deletes keys whose 7-day window has passed; a live key still de-duplicates", async () => {
    const expired1 = await message({ ageDays: 0, status: "received" });
    const expired2 = await message({ ageDays: 0, status: "received" });
    const live = await message({ ageDays: 0, status: "received" });
    await db.$executeRaw`UPDATE inbound_dedupe SET expires_at = now() - interval '1 second' WHERE message_id = ${expired1}`;
    await db.$executeRaw`UPDATE inbound_dedupe SET expires_at = now() - interval '8 days' WHERE message_id = ${expired2}`;

    expect(await purgeDedupeKeys({ batching: oneByOne })).toBe(2);

    const left = await db.inboundDedupe.findMany({ where: { messageId: { in: [expired1, expired2, live] } }, select: { messageId: true } });
    expect(left.map((d) => d.messageId)).toEqual([live]);
    const liveMessage = await db.inboundMessage.findUniqueOrThrow({ where: { id: live } });
    const again = await landMessage({ ...feed, body: Buffer.from(liveMessage.body!), bodySha256: liveMessage.bodySha256, idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun: false });
    expect(again).toEqual({ messageId: live, status: "duplicate" });
  });
});

describe("sign-in throttle retention", () => {
  it("deletes rows of every key prefix whose window and lock have passed", async () => {
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const tag = randomUUID().slice(0, 8);
    const rows = [
      { key: `email:gone-${tag}@example.com`, windowStart: ago(20 * 60_000), lockedUntil: null },
      { key: `ip:gone-${tag}`, windowStart: ago(40 * 60_000), lockedUntil: ago(60_000) },
      { key: `signup:gone-${tag}`, windowStart: ago(DAY_MS), lockedUntil: null },
      // Locked still, though its window has passed.
      { key: `email:locked-${tag}@example.com`, windowStart: ago(20 * 60_000), lockedUntil: new Date(now.getTime() + 60_000) },
      // Its window is still counting.
      { key: `ip:counting-${tag}`, windowStart: ago(5 * 60_000), lockedUntil: null },
    ];
    await db.signInThrottle.createMany({ data: rows.map((r) => ({ ...r, failures: 3 })) });

    expect(await purgeSignInThrottles({ windowMs: 15 * 60_000, now, batching: oneByOne })).toBe(3);

    const left = await db.signInThrottle.findMany({ where: { key: { contains: tag } }, select: { key: true }, orderBy: { key: "asc" } });
    expect(left.map((r) => r.key)).toEqual([`email:locked-${tag}@example.com`, `ip:counting-${tag}`]);
  });
});

describe("applyRetention", () => {
  it("applies the configured limits (30 days for raw bodies, 90 for receipts, a day's margin for throttle rows) and is idempotent", async () => {
    const bodyDue = await message({ ageDays: 30.5, status: "processed" });
    const receiptDue = await message({ ageDays: 90.5, status: "failed" });
    const kept = await message({ ageDays: 29.5, status: "processed" });
    await db.$executeRaw`UPDATE inbound_dedupe SET expires_at = now() - interval '1 minute' WHERE message_id = ${kept}`;
    const tag = randomUUID().slice(0, 8);
    await db.signInThrottle.createMany({
      data: [
        { key: `email:day-${tag}`, failures: 1, windowStart: new Date(Date.now() - DAY_MS - 60_000), lockedUntil: null },
        // Past the 15-minute sign-in window, but another prefix may count over longer: kept for a day.
        { key: `email:hour-${tag}`, failures: 1, windowStart: new Date(Date.now() - 60 * 60_000), lockedUntil: null },
      ],
    });

    expect(await applyRetention({ batching: oneByOne })).toEqual({ receipts: 1, issues: 1, rawBodies: 1, dedupeKeys: 1, throttles: 1, callbackEvents: 0 });
    expect((await row(bodyDue))?.body).toBeNull();
    expect(await row(receiptDue)).toBeNull();
    expect((await row(kept))?.body).not.toBeNull();
    expect(await db.signInThrottle.count({ where: { key: `email:hour-${tag}` } })).toBe(1);
    expect(await applyRetention()).toEqual({ receipts: 0, issues: 0, rawBodies: 0, dedupeKeys: 0, throttles: 0, callbackEvents: 0 });
  });

  it("runs each rule as its own step when given a step runner", async () => {
    const steps: string[] = [];
    await applyRetention({ runStep: (id, work) => (steps.push(id), work()) });
    expect(steps).toEqual(["purge-receipts", "purge-raw-bodies", "purge-dedupe-keys", "purge-sign-in-throttles", "purge-callback-events"]);
  });
});

describe("in-process retention timer", () => {
  it("purges shortly after start and again on every interval", async () => {
    const first = await message({ ageDays: 31, status: "processed" });
    const stop = startRetentionTimer({ firstRunMs: 10, everyMs: 100 });
    try {
      await expect.poll(async () => (await row(first))?.body ?? null, { timeout: 5_000 }).toBeNull();
      // A later run picks up what became due after the first.
      const second = await message({ ageDays: 31, status: "processed" });
      await expect.poll(async () => (await row(second))?.body ?? null, { timeout: 5_000 }).toBeNull();
    } finally {
      stop();
    }
  });
});

describe("callback event retention", () => {
  it("deletes old events whose deliveries are final, keeps young ones and those still owed to a receiver", async () => {
    const { insertTestEndpoint } = await import("@/lib/test/callback-endpoints");
    const { emitEvents } = await import("@/lib/callbacks/events/emit-events");
    const { purgeCallbackEvents } = await import("./purge-callback-events");
    await insertTestEndpoint(feed);
    const emit = async (ageDays: number, status: "succeeded" | "held" | "exhausted") => {
      const { eventIds } = await db.$transaction((tx) => emitEvents({ tx, events: [{ ...feed, eventName: "plans.plan.created", objectId: randomUUID(), occurredAt: new Date(), data: {} }] }));
      await db.callbackEvent.update({ where: { id: eventIds[0] }, data: { createdAt: new Date(Date.now() - ageDays * DAY_MS) } });
      await db.callbackDelivery.updateMany({ where: { eventId: eventIds[0] }, data: { status } });
      return eventIds[0]!;
    };
    const old = [await emit(91, "succeeded"), await emit(91, "exhausted")];
    const owed = await emit(91, "held");
    const young = await emit(10, "succeeded");
    expect(await purgeCallbackEvents({ days: 90, batching: oneByOne })).toBe(2);
    expect(await db.callbackEvent.count({ where: { id: { in: old } } })).toBe(0);
    expect(await db.callbackDelivery.count({ where: { eventId: { in: old } } })).toBe(0);
    expect(await db.callbackEvent.count({ where: { id: { in: [owed, young] } } })).toBe(2);
  });
});
