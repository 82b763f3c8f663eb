import { InngestTestEngine } from "@inngest/test";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createConnection } from "@/lib/integrations/create-connection";
import { registerPullConnector } from "@/lib/connectors/pull/registry";
import { schedulePoll } from "@/lib/connectors/pull/schedule-poll";
import { createCompany } from "@/lib/test/factories";
import { whenQueueIdle } from "@/lib/ingest/dispatch/in-process-queue";
import { pollConnection } from "./poll-connection";
import { scheduleConnectorPolls } from "./schedule-connector-polls";

let fetches = 0;
registerPullConnector({
  slug: "geotab",
  minIntervalSeconds: 1,
  fetchPage: async () => {
    fetches += 1;
    // Always "more": the run must still stop after its bounded number of pages.
    const at = new Date(Date.UTC(2026, 11, 1, 9, 0, fetches)).toISOString();
    return { ok: true, page: { messages: [{ envelope: { positions: [{ externalUnitId: "G1", at, lat: 50, lng: 8 }], plans: [], availability: [] }, recordKeys: [at] }], vendorPayload: { body: "[]", contentType: "application/json" }, nextCursor: fetches, hasMore: true } };
  },
});

// Pulled messages are processed in this process: let that finish before the test database goes.
afterAll(() => whenQueueIdle());

const setup = async () => {
  const { admin, companyId } = await createCompany();
  const { connectionId } = await createConnection({ actor: admin, name: "Geotab", connector: "geotab" });
  await schedulePoll({ connectionId, companyId });
  return { connectionId };
};

const event = (connectionId: string) => [{ name: "connectors/poll.requested", data: { connectionId } }] as [{ name: string; data: { connectionId: string } }];

describe("poll-connection (Inngest)", () => {
  it("keeps one poll loop per connection and paces its runs", () => {
    const opts = (pollConnection as unknown as { opts: Record<string, unknown> }).opts;
    expect(opts.singleton).toEqual({ key: "event.data.connectionId", mode: "skip" });
    expect(opts.throttle).toEqual({ key: "event.data.connectionId", limit: 1, period: "6s" });
  });

  it("runs one bounded cycle per run (20 pages), then waits for the next tick", async () => {
    const { connectionId } = await setup();
    fetches = 0;
    const { result } = await new InngestTestEngine({ function: pollConnection }).execute({ events: event(connectionId) });
    expect(result).toMatchObject({ outcome: "ok", pages: 20, records: 20 });
    expect(fetches).toBe(20);
    expect(await db.inboundMessage.count({ where: { connectionId, origin: "poll" } })).toBe(20);
    // Not due again yet: a second request does nothing.
    const again = await new InngestTestEngine({ function: pollConnection }).execute({ events: event(connectionId) });
    expect(again.result).toEqual({ outcome: "skipped" });
    expect(fetches).toBe(20);
  });

  it("the cron tick requests a poll for each due connection", async () => {
    const { connectionId } = await setup();
    // The send itself is mocked (no Inngest here); what the function asks to send is what is checked.
    const { ctx, result } = await new InngestTestEngine({ function: scheduleConnectorPolls, steps: [{ id: "request-polls", handler: () => ({ ids: [] }) }] }).execute();
    expect((result as { requested: number }).requested).toBeGreaterThanOrEqual(1);
    const sent = (ctx.step.sendEvent as unknown as { mock: { calls: [string, { name: string; data: { connectionId: string } }[]][] } }).mock.calls[0]![1];
    expect(sent.map((e) => e.data.connectionId)).toContain(connectionId);
    expect(sent.every((e) => e.name === "connectors/poll.requested")).toBe(true);
  });
});
