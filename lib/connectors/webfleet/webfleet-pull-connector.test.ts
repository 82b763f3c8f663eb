// The Webfleet pull connector against the loopback fake of WEBFLEET.connect: the first page, the
// queue's at-least-once continuity (acknowledged only in afterCommit), the session's report cache,
// every error the fake produces as the runner's TPullError, and a "Test connection" that changes nothing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Agent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findPullConnector } from "@/lib/connectors/pull/registry";
import type { TFetchResult, TPullContext, TPulledPage } from "@/lib/connectors/pull/types";
import { createGuardedAgent } from "@/lib/net/create-guarded-agent";
import { parseAllowedCidrs } from "@/lib/net/parse-allowed-cidrs";
import { makeOrderMessage, makePositionMessage } from "@/lib/test/fakes/webfleet/webfleet-messages";
import { makeObjectReportRow, makeOrderReportRow } from "@/lib/test/fakes/webfleet/webfleet-reports";
import { DEFAULT_WEBFLEET_ACCOUNT, startFakeWebfleet, type TFakeWebfleet } from "@/lib/test/fakes/webfleet/start-fake-webfleet";
import { createWebfleetPullConnector, testWebfleetConnection, webfleetPullConnector } from "./webfleet-pull-connector";

const loopback = () => {
  const parsed = parseAllowedCidrs("127.0.0.0/8");
  if (!parsed.ok) throw new Error("bad test CIDR");
  return createGuardedAgent({ allowedCidrs: parsed.cidrs });
};

let fake: TFakeWebfleet;
let agent: Agent;
let slept: number[];
const servers: http.Server[] = [];
const start = new Date("2017-06-20T12:00:00Z");
const minutes = (count: number) => new Date(start.getTime() + count * 60_000);
/** Webfleet's retry waits are recorded, not slept. */
const connector = () => createWebfleetPullConnector({ retry: { sleep: async (ms) => void slept.push(ms) } });

beforeEach(async () => {
  // The quotas have their own tests in the client; here they would only limit how many pops a test may make.
  fake = await startFakeWebfleet({ faults: { quotas: "off" } });
  fake.state.objects.push(makeObjectReportRow({ objectno: "1198", objectname: "DD-WF 1198", drivername: "Jan Jansen" }));
  agent = loopback();
  slept = [];
});
afterEach(async () => {
  await fake.stop();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await agent.close();
});

const context = (overrides: Partial<TPullContext> = {}): TPullContext => ({
  connectionId: "conn-1",
  settings: { serverUrl: fake.endpoint, account: DEFAULT_WEBFLEET_ACCOUNT.account, username: DEFAULT_WEBFLEET_ACCOUNT.username },
  secrets: { password: DEFAULT_WEBFLEET_ACCOUNT.password, apiKey: DEFAULT_WEBFLEET_ACCOUNT.apikey },
  cursor: null,
  session: null,
  now: start,
  dispatcher: agent,
  ...overrides,
});
const position = (minute: number, overrides: Partial<Parameters<typeof makePositionMessage>[0]> = {}) =>
  makePositionMessage({ objectno: "1198", latitude: 51.363008, longitude: 13.73807, posTime: `2017-06-20T11:${String(minute).padStart(2, "0")}:05Z`, speedKmh: 102, course: 225, ...overrides });
const pageOf = (result: TFetchResult): TPulledPage => {
  if (!result.ok) throw new Error(`fetch failed: ${result.error.kind} ${result.error.message}`);
  return result.page;
};
const keysOf = (page: TPulledPage) => page.messages.flatMap((message) => message.recordKeys);
const actions = () => fake.requests.map((request) => request.action);
/** A loopback server answering every request with `handler` (for answers the fake never gives). */
const startServer = async (handler: http.RequestListener) => {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/extern`;
};

describe("fetchPage", () => {
  it("creates the queue on first use, then maps a popped batch: positions with the driver, msgids as keys, the raw answer, the ack cursor", async () => {
    const first = await connector().fetchPage(context());
    expect(pageOf(first)).toEqual({ messages: [], vendorPayload: { body: "[]", contentType: "application/json" }, nextCursor: null, hasMore: false });
    expect(actions()).toEqual(["createQueueExtern", "popQueueMessagesExtern"]);

    fake.state.enqueue([position(1, { msgid: 9_007_199_254_740_993n }), position(2, { msgid: 9_007_199_254_740_995n })]);
    fake.requests.length = 0;
    const second = await connector().fetchPage(context({ session: first.session, now: minutes(1) }));
    const page = pageOf(second);
    expect(actions()).toEqual(["popQueueMessagesExtern", "showObjectReportExtern"]);
    expect(page.messages).toHaveLength(1);
    expect(page.messages[0]?.recordKeys).toEqual(["9007199254740993", "9007199254740995"]);
    expect(page.messages[0]?.envelope.positions).toEqual([
      { externalUnitId: "1198", at: "2017-06-20T11:01:05Z", lat: 51.363008, lng: 13.73807, speedKmh: 102, isMoving: true, headingDeg: 225, ignitionOn: true, driverName: "Jan Jansen" },
      { externalUnitId: "1198", at: "2017-06-20T11:02:05Z", lat: 51.363008, lng: 13.73807, speedKmh: 102, isMoving: true, headingDeg: 225, ignitionOn: true, driverName: "Jan Jansen" },
    ]);
    expect(page.vendorPayload.body).toContain('"msgid":9007199254740993,');
    expect(page.nextCursor).toEqual({ action: "ackQueueMessagesExtern", msgclass: 0, messageCount: 2, lastMsgid: "9007199254740995" });
    expect(JSON.parse(JSON.stringify(page.nextCursor))).toEqual(page.nextCursor);
    expect(page.hasMore).toBe(false);
  });

  it("acks only in afterCommit: without it the same batch comes back; after it the next records, nothing twice", async () => {
    const pull = connector();
    const { session } = await pull.fetchPage(context());
    fake.state.enqueue([position(1), position(2)]);
    const first = pageOf(await pull.fetchPage(context({ session })));
    fake.state.enqueue([position(3)]);
    expect(actions()).not.toContain("ackQueueMessagesExtern");

    // The landing failed (no afterCommit): the next fetch is the same batch, so de-duplication absorbs it.
    const again = pageOf(await pull.fetchPage(context({ session, cursor: null })));
    expect(keysOf(again)).toEqual(keysOf(first));

    await pull.afterCommit?.({ ...context({ session }), page: again });
    expect(actions().filter((action) => action === "ackQueueMessagesExtern")).toHaveLength(1);
    const next = pageOf(await pull.fetchPage(context({ session, cursor: again.nextCursor })));
    expect(next.messages[0]?.envelope.positions.map((p) => (p as { at: string }).at)).toEqual(["2017-06-20T11:03:05Z"]);
    expect(keysOf(next).filter((key) => keysOf(first).includes(key))).toEqual([]);

    // An empty pop leaves nothing in flight: afterCommit spends no ack on it, and the cursor stays the last ack.
    await pull.afterCommit?.({ ...context({ session }), page: next });
    const empty = pageOf(await pull.fetchPage(context({ session, cursor: next.nextCursor })));
    await pull.afterCommit?.({ ...context({ session }), page: empty });
    expect(actions().filter((action) => action === "ackQueueMessagesExtern")).toHaveLength(2);
    expect(empty).toMatchObject({ messages: [], nextCursor: next.nextCursor, hasMore: false });
  });

  it("reuses the session: the queue is created once and the object report is fetched at most every 10 minutes", async () => {
    const pull = connector();
    let { session } = await pull.fetchPage(context());
    const fetchAt = async (now: Date) => {
      fake.state.enqueue([position(now.getUTCMinutes())]);
      const result = await pull.fetchPage(context({ session, now }));
      session = result.session;
      await pull.afterCommit?.({ ...context({ session, now }), page: pageOf(result) });
      return pageOf(result);
    };
    await fetchAt(minutes(1));
    fake.state.objects[0] = makeObjectReportRow({ objectno: "1198", objectname: "DD-WF 1198", drivername: "Piet Pieters" });
    const cached = await fetchAt(minutes(9));
    expect(cached.messages[0]?.envelope.positions[0]).toMatchObject({ driverName: "Jan Jansen" });
    const refreshed = await fetchAt(minutes(11));
    expect(refreshed.messages[0]?.envelope.positions[0]).toMatchObject({ driverName: "Piet Pieters" });
    expect(actions().filter((action) => action === "createQueueExtern")).toHaveLength(1);
    expect(actions().filter((action) => action === "showObjectReportExtern")).toHaveLength(2);
    // Only what the mapping reads is kept, so the sealed session stays small.
    expect(session).toMatchObject({ objects: { fetchedAt: minutes(11).toISOString(), rows: [{ objectno: "1198", objectname: "DD-WF 1198", drivername: "Piet Pieters" }] } });
    expect(JSON.stringify(session)).not.toContain("odometer");
  });

  it("a full batch (500) has more; plans beyond the front door's 1,000 per message are split, every msgid exactly once", async () => {
    fake.faults.popCap = 2_000;
    fake.state.createQueue();
    const orders = Array.from({ length: 1_001 }, (_, index) => makeOrderMessage({ objectno: "1198", orderno: `N-${index}`, orderType: 3, orderState: 241, msgTime: "2017-06-20T11:00:00Z" }));
    fake.state.enqueue(orders);
    fake.state.orders.push(makeOrderReportRow({ orderid: "N-7", ordertype: 3, orderstate: 241, objectno: "1198", latitude: 52.1, longitude: 5.2, city: "Utrecht" }));
    const page = pageOf(await connector().fetchPage(context({ session: { queueCreatedAt: start.toISOString() } })));
    expect(page.messages.map((message) => message.envelope.plans.length)).toEqual([501, 500]);
    expect(keysOf(page)).toEqual(orders.map((order) => String(order.msgid)));
    expect(page.messages[0]?.envelope.plans[7]).toMatchObject({ externalPlanId: "N-7", status: "in_progress", legs: [{ seq: 0, kind: "delivery", place: { lat: 52.1, lng: 5.2, name: "Utrecht" } }] });
    expect(page.hasMore).toBe(true);
    expect(actions()).toContain("showOrderReportExtern");
  });

  it("the order report is fetched only for orders it has not seen, at most every 15 s, and gives their plans a destination", async () => {
    fake.state.createQueue();
    fake.state.orders.push(makeOrderReportRow({ orderid: "N-1", ordertype: 3, orderstate: 241, objectno: "1198", city: "Utrecht" }));
    const pull = connector();
    let session: unknown = { queueCreatedAt: start.toISOString() };
    const pageAt = async (seconds: number, orderno: string) => {
      fake.state.enqueue([makeOrderMessage({ objectno: "1198", orderno, orderType: 3, orderState: 241, msgTime: "2017-06-20T11:00:00Z" })]);
      const now = new Date(start.getTime() + seconds * 1000);
      const result = await pull.fetchPage(context({ session, now }));
      session = result.session;
      await pull.afterCommit?.({ ...context({ session, now }), page: pageOf(result) });
      return pageOf(result).messages[0]?.envelope.plans[0];
    };
    const reports = () => actions().filter((action) => action === "showOrderReportExtern").length;
    expect(await pageAt(0, "N-1")).toMatchObject({ externalPlanId: "N-1", legs: [{ place: { name: "Utrecht" } }] });
    expect(await pageAt(5, "N-1")).toMatchObject({ legs: [{ place: { name: "Utrecht" } }] });
    expect(reports()).toBe(1);
    fake.state.orders.push(makeOrderReportRow({ orderid: "N-2", ordertype: 2, orderstate: 100, objectno: "1198", city: "Gouda" }));
    expect(await pageAt(10, "N-2")).not.toHaveProperty("legs.0.place");
    expect(reports()).toBe(1);
    expect(await pageAt(20, "N-2")).toMatchObject({ externalPlanId: "N-2", legs: [{ place: { name: "Gouda" } }] });
    expect(reports()).toBe(2);
  });

  it("500 messages is a full batch (hasMore); the rest follows after the ack", async () => {
    fake.state.createQueue();
    fake.state.enqueue(Array.from({ length: 501 }, (_, index) => position(index % 60)));
    const pull = connector();
    const session = { queueCreatedAt: start.toISOString() };
    const full = pageOf(await pull.fetchPage(context({ session })));
    expect([keysOf(full).length, full.hasMore]).toEqual([500, true]);
    await pull.afterCommit?.({ ...context({ session }), page: full });
    const rest = pageOf(await pull.fetchPage(context({ session })));
    expect([keysOf(rest).length, rest.hasMore]).toEqual([1, false]);
  });
});

describe("errors as TPullError", () => {
  it("settings and credentials that do not parse are permanent, naming the field and never the value; nothing is sent", async () => {
    expect(await connector().fetchPage(context({ settings: { serverUrl: fake.endpoint, account: "", username: "u" } }))).toEqual({ ok: false, error: { kind: "permanent", message: "Account: Account is required" } });
    expect(await connector().fetchPage(context({ settings: { serverUrl: "ftp://x", account: "a", username: "u" } }))).toEqual({ ok: false, error: { kind: "permanent", message: "Server URL: Server URL must be an http(s) URL" } });
    expect(await connector().fetchPage(context({ settings: { account: "a", username: "u", unitIdFrom: "plate" } }))).toMatchObject({ ok: false, error: { kind: "permanent", message: expect.stringMatching(/^Unit id from: /) } });
    const noPassword = await connector().fetchPage(context({ secrets: { password: 42, apiKey: "s3cret-key" } }));
    expect(noPassword).toMatchObject({ ok: false, error: { kind: "permanent", message: expect.stringMatching(/^Password: /) } });
    expect(JSON.stringify(noPassword)).not.toContain("s3cret-key");
    expect(await connector().fetchPage(context({ secrets: null }))).toEqual({ ok: false, error: { kind: "permanent", message: "The connector credentials are missing or not an object." } });
    expect(fake.requests).toEqual([]);
  });

  it("bad credentials are auth, with Webfleet's message and no secret", async () => {
    fake.faults.badCredentials = true;
    const result = await connector().fetchPage(context());
    expect(result).toEqual({ ok: false, error: { kind: "auth", message: "Webfleet error 1001: Invalid credentials" }, session: {} });
    expect(JSON.stringify(result)).not.toMatch(/fake-password|fake-apikey/);
  });

  it("8011 is rate_limited with at least 60 s; the session (queue created) is still returned so it is not created again", async () => {
    fake.faults.injected.push({ action: "popQueueMessagesExtern", error: fake.faults.codes.quotaExceeded });
    const result = await connector().fetchPage(context());
    expect(result).toMatchObject({ ok: false, error: { kind: "rate_limited", message: "Webfleet error 8011: request quota reached" }, session: { queueCreatedAt: start.toISOString() } });
    expect(!result.ok && result.error.retryAfterMs).toBeGreaterThanOrEqual(60_000);
  });

  it("busy codes (8015) are retried as the client does, then transient", async () => {
    fake.state.createQueue();
    fake.faults.injected.push({ action: "popQueueMessagesExtern", error: fake.faults.codes.userBusy, times: 3 });
    expect(await connector().fetchPage(context({ session: { queueCreatedAt: start.toISOString() } }))).toMatchObject({ ok: false, error: { kind: "transient", message: "Webfleet error 8015: Username busy processing other request" } });
    expect(slept).toEqual([10_000, 10_000]);
  });

  it("an unknown vendor error is permanent; a malformed answer is invalid_response; an HTTP 500 is transient", async () => {
    fake.state.createQueue();
    fake.faults.injected.push({ action: "popQueueMessagesExtern", error: fake.faults.codes.actionNotAllowed });
    expect(await connector().fetchPage(context({ session: { queueCreatedAt: start.toISOString() } }))).toMatchObject({ ok: false, error: { kind: "permanent", message: "Webfleet error 8: action not allowed" } });

    let status = 200;
    const serverUrl = await startServer((_request, response) => response.writeHead(status, { "content-type": "application/json" }).end("<html>maintenance</html>"));
    const session = { queueCreatedAt: start.toISOString() };
    const settings = { serverUrl, account: "a", username: "u" };
    expect(await connector().fetchPage(context({ settings, session }))).toMatchObject({ ok: false, error: { kind: "invalid_response", message: expect.stringContaining("not JSON") } });
    status = 500;
    expect(await connector().fetchPage(context({ settings, session }))).toMatchObject({ ok: false, error: { kind: "transient", message: "Webfleet answered HTTP 500." } });
  });

  it("with loopback not allowed the guard refuses: blocked_address, no request sent", async () => {
    const guarded = createGuardedAgent({ allowedCidrs: [] });
    const result = await connector().fetchPage(context({ dispatcher: guarded }));
    await guarded.close();
    expect(result).toMatchObject({ ok: false, error: { kind: "blocked_address", message: expect.stringContaining("loopback") } });
    expect(fake.requests).toEqual([]);
  });

  it("an object report over quota does not hold up the queue: the batch maps without driver names and the report is tried next time", async () => {
    fake.state.createQueue();
    fake.state.enqueue([position(1)]);
    fake.faults.injected.push({ action: "showObjectReportExtern", error: fake.faults.codes.quotaExceeded });
    const result = await connector().fetchPage(context({ session: { queueCreatedAt: start.toISOString() } }));
    const page = pageOf(result);
    expect(page.messages[0]?.envelope.positions[0]).not.toHaveProperty("driverName");
    expect(result.session).not.toHaveProperty("objects");
  });

  it("a failed ack throws with the TPullError as its cause (the batch is popped again)", async () => {
    const pull = connector();
    const { session } = await pull.fetchPage(context());
    fake.state.enqueue([position(1)]);
    const page = pageOf(await pull.fetchPage(context({ session })));
    fake.faults.injected.push({ action: "ackQueueMessagesExtern", error: fake.faults.codes.quotaExceeded });
    const failure = await pull.afterCommit?.({ ...context({ session }), page }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).cause).toMatchObject({ kind: "rate_limited", message: "Webfleet error 8011: request quota reached", retryAfterMs: 60_000 });
    expect(keysOf(pageOf(await pull.fetchPage(context({ session }))))).toEqual(keysOf(page));
  });
});

describe("testWebfleetConnection", () => {
  it("shows records, the first 5 as sent, the envelope and its drops, and neither acks nor changes what the next poll lands", async () => {
    fake.state.createQueue();
    const messages = [position(1, { latitude: 0, longitude: 0 }), ...Array.from({ length: 6 }, (_, index) => position(index + 2))];
    fake.state.enqueue(messages);
    const test = await testWebfleetConnection({ ...context(), retry: { sleep: async (ms) => void slept.push(ms) } });
    expect(test).toMatchObject({ ok: true, records: 7 });
    expect(test.sample.map((record) => record.msgid)).toEqual(messages.slice(0, 5).map((message) => String(message.msgid)));
    expect(test.sample[0]).toMatchObject({ pos_latitude: 0, speed: 102, msg_text: "Spurdaten (1x)" });
    expect(test.envelope.positions).toHaveLength(7);
    expect(test.issues).toEqual([expect.objectContaining({ severity: "dropped", section: "positions", index: 0, reason: "zero_coordinates" })]);
    expect(actions()).not.toContain("ackQueueMessagesExtern");

    const poll = pageOf(await connector().fetchPage(context()));
    expect(keysOf(poll)).toEqual(messages.map((message) => String(message.msgid)));
  });

  it("reports a failure with its kind and nothing else", async () => {
    fake.faults.badCredentials = true;
    expect(await testWebfleetConnection(context())).toEqual({ ok: false, error: { kind: "auth", message: "Webfleet error 1001: Invalid credentials" }, records: 0, sample: [], envelope: { positions: [], plans: [], availability: [] }, issues: [] });
  });
});

it("registers itself for the slug webfleet with Webfleet's 6-second pop quota", () => {
  expect(findPullConnector("webfleet")).toBe(webfleetPullConnector);
  expect(webfleetPullConnector.minIntervalSeconds).toBe(6);
});
