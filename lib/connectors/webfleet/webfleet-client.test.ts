// The Webfleet client against the loopback fake of WEBFLEET.connect (lib/test/fakes/webfleet):
// every fault the fake offers that the client must handle. Nothing here leaves 127.0.0.1.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Agent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { normalizeEnvelope } from "@/lib/ingest/normalize/normalize-envelope";
import { createGuardedAgent } from "@/lib/net/create-guarded-agent";
import { parseAllowedCidrs } from "@/lib/net/parse-allowed-cidrs";
import { makeOrderMessage, makePositionMessage } from "@/lib/test/fakes/webfleet/webfleet-messages";
import { makeObjectReportRow, makeOrderReportRow } from "@/lib/test/fakes/webfleet/webfleet-reports";
import { DEFAULT_WEBFLEET_ACCOUNT, startFakeWebfleet, type TFakeWebfleet } from "@/lib/test/fakes/webfleet/start-fake-webfleet";
import { ackQueueMessagesExtern } from "./ack-queue-messages-extern";
import { createQueueExtern } from "./create-queue-extern";
import { mapWebfleetMessages } from "./map-webfleet-messages";
import { popQueueMessagesExtern } from "./pop-queue-messages-extern";
import { showObjectReportExtern } from "./show-object-report-extern";
import { showOrderReportExtern } from "./show-order-report-extern";
import type { TWebfleetCallOptions, TWebfleetConnection } from "./types";

const loopback = () => {
  const parsed = parseAllowedCidrs("127.0.0.0/8");
  if (!parsed.ok) throw new Error("bad test CIDR");
  return createGuardedAgent({ allowedCidrs: parsed.cidrs });
};

let fake: TFakeWebfleet;
let agent: Agent;
let slept: number[];
const servers: http.Server[] = [];

beforeEach(async () => {
  fake = await startFakeWebfleet();
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

const connection = (overrides: Partial<TWebfleetConnection> = {}): TWebfleetConnection => ({
  settings: { serverUrl: fake.endpoint, account: DEFAULT_WEBFLEET_ACCOUNT.account, username: DEFAULT_WEBFLEET_ACCOUNT.username, unitIdFrom: "objectno" },
  secrets: { password: DEFAULT_WEBFLEET_ACCOUNT.password, apiKey: DEFAULT_WEBFLEET_ACCOUNT.apikey },
  dispatcher: agent,
  ...overrides,
});
/** Call options with the waits recorded instead of slept, so retry tests take no time. */
const options = (overrides: Partial<TWebfleetCallOptions> = {}): TWebfleetCallOptions => ({
  connection: connection(),
  retry: { sleep: async (ms) => void slept.push(ms) },
  ...overrides,
});
const position = (minute: number, msgid?: bigint) =>
  makePositionMessage({ objectno: "1198", latitude: 51.363008, longitude: 13.73807, posTime: `2017-06-20T11:${String(minute).padStart(2, "0")}:05Z`, speedKmh: 102, course: 225, ...(msgid ? { msgid } : {}) });

/** A loopback server answering every request with `handler` (for answers the fake never gives). */
const startServer = async (handler: http.RequestListener) => {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/extern`;
};
const withServer = (serverUrl: string) => connection({ settings: { ...connection().settings, serverUrl } });

describe("the message queue", () => {
  it("creates a missing queue on the first pop, keeps a msgid above 2^53 exact, and returns the same batch until it is acked", async () => {
    expect(await popQueueMessagesExtern(options())).toEqual({ ok: true, value: { messages: [], raw: "[]" } });
    expect(fake.requests.map((request) => request.action)).toEqual(["popQueueMessagesExtern", "createQueueExtern", "popQueueMessagesExtern"]);
    expect(fake.requests[0]?.params).toMatchObject({ msgclass: "0", outputformat: "json", useISO8601: "true", useUTF8: "true", account: "fake-account", username: "fake-user" });

    fake.state.enqueue([position(1, 9_007_199_254_740_993n), position(2)]);
    const first = await popQueueMessagesExtern(options());
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.messages.map((message) => message.msgid)[0]).toBe("9007199254740993");
    expect(first.value.raw).toContain('"msgid":9007199254740993,');
    expect(first.value.messages[0]).toMatchObject({ pos_latitude: 51363008, pos_time: "2017-06-20T11:01:05Z", speed: 102 });

    fake.state.enqueue([position(3)]);
    const again = await popQueueMessagesExtern(options());
    expect(again.ok && again.value.messages.map((message) => message.msgid)).toEqual(first.value.messages.map((message) => message.msgid));
    expect(await ackQueueMessagesExtern(options())).toEqual({ ok: true, value: null });
    const next = await popQueueMessagesExtern(options());
    expect(next.ok && next.value.messages.map((message) => message.pos_time)).toEqual(["2017-06-20T11:03:05Z"]);
  });

  it("createQueueExtern treats an 'already exists' answer as success; an unrelated refusal stays an error", async () => {
    expect(await createQueueExtern(options())).toEqual({ ok: true, value: null });
    fake.faults.createQueueWhenExists = "error";
    expect(await createQueueExtern(options())).toEqual({ ok: true, value: null });
    fake.faults.codes.queueExists = { errorCode: 2001, errorMsg: "queue limit reached" };
    expect(await createQueueExtern(options())).toMatchObject({ ok: false, error: { kind: "permanent", vendorCode: 2001 } });
  });
});

describe("reports", () => {
  it("showObjectReportExtern and showOrderReportExtern return validated rows", async () => {
    fake.state.objects.push(makeObjectReportRow({ objectno: "858EU4", objectname: "YRT-MMD2439", objectuid: "1-1-299CF855B", drivername: "Jan Jansen" }));
    fake.state.orders.push(makeOrderReportRow({ orderid: "A-1", ordertype: 2, orderstate: 401, objectno: "002" }), makeOrderReportRow({ orderid: "A-2", ordertype: 3, orderstate: 100, objectno: "002" }));
    expect(await showObjectReportExtern(options())).toMatchObject({ ok: true, value: [{ objectno: "858EU4", objectuid: "1-1-299CF855B", objectname: "YRT-MMD2439", drivername: "Jan Jansen" }] });
    const orders = await showOrderReportExtern({ ...options(), orderId: "A-2" });
    expect(orders.ok && orders.value.map((row) => row.orderid)).toEqual(["A-2"]);
    expect(fake.requests.at(-1)?.params).toMatchObject({ action: "showOrderReportExtern", orderid: "A-2" });
  });
});

describe("errors", () => {
  it("bad credentials are an auth error with Webfleet's message and no secret, in the message or anywhere else in the result", async () => {
    fake.faults.badCredentials = true;
    const result = await showObjectReportExtern(options());
    expect(result).toEqual({ ok: false, error: { kind: "auth", message: "Webfleet error 1001: Invalid credentials", vendorCode: 1001 } });
    fake.faults.codes.invalidCredentials = { errorCode: 45, errorMsg: "login failed for fake-password / fake-apikey" };
    const echoed = await showObjectReportExtern(options());
    expect(echoed).toMatchObject({ ok: false, error: { kind: "auth", vendorCode: 45 } });
    expect(JSON.stringify(echoed)).not.toMatch(/fake-password|fake-apikey/);
    expect(fake.requests).toHaveLength(2);
  });

  it("8011 is rate_limited for at least 60 s and is not retried inside the call", async () => {
    fake.faults.injected.push({ action: "popQueueMessagesExtern", error: fake.faults.codes.quotaExceeded });
    fake.state.createQueue();
    const result = await popQueueMessagesExtern(options());
    expect(result).toMatchObject({ ok: false, error: { kind: "rate_limited", vendorCode: 8011 } });
    expect(!result.ok && result.error.retryAfterMs).toBeGreaterThanOrEqual(60_000);
    expect([fake.requests.length, slept]).toEqual([1, []]);
  });

  it("the real quota: the 11th pop within a minute is rate_limited", async () => {
    fake.state.createQueue();
    for (let index = 0; index < 10; index += 1) expect((await popQueueMessagesExtern(options())).ok).toBe(true);
    expect(await popQueueMessagesExtern(options())).toMatchObject({ ok: false, error: { kind: "rate_limited", retryAfterMs: 60_000 } });
  });

  it("retries 8015, 10000, 9199 and 60 as Webfleet's SDK does (10 s, 30 s for 10000), then succeeds", async () => {
    fake.state.createQueue();
    fake.state.enqueue([position(1)]);
    const { userBusy, resourceBusy, upstream, general } = fake.faults.codes;
    fake.faults.injected.push({ error: userBusy }, { error: resourceBusy }, { error: upstream }, { error: general });
    const result = await popQueueMessagesExtern(options({ retry: { maxAttempts: 5, sleep: async (ms) => void slept.push(ms) } }));
    expect(result.ok && result.value.messages).toHaveLength(1);
    expect(slept).toEqual([10_000, 30_000, 10_000, 10_000]);
  });

  it("gives up after the bounded attempts (3 by default) with a transient error carrying the code", async () => {
    fake.state.createQueue();
    fake.faults.injected.push({ error: fake.faults.codes.userBusy, times: 5 });
    expect(await popQueueMessagesExtern(options())).toEqual({ ok: false, error: { kind: "transient", message: "Webfleet error 8015: Username busy processing other request", vendorCode: 8015 } });
    expect(fake.requests).toHaveLength(3);
  });

  it("reads the error from the X-Webfleet-Errorcode headers when the body carries none", async () => {
    const serverUrl = await startServer((_request, response) => response.writeHead(200, { "x-webfleet-errorcode": "8011", "x-webfleet-errormessage": "limit" }).end("8011, limit"));
    expect(await ackQueueMessagesExtern(options({ connection: withServer(serverUrl) }))).toMatchObject({ ok: false, error: { kind: "rate_limited", vendorCode: 8011, message: "Webfleet error 8011: limit" } });
  });

  it("a malformed answer is invalid_response: not JSON, not an array, a message without msgid", async () => {
    let body = "<html>maintenance</html>";
    const serverUrl = await startServer((_request, response) => response.writeHead(200, { "content-type": "application/json" }).end(body));
    const pop = () => popQueueMessagesExtern(options({ connection: withServer(serverUrl) }));
    expect(await pop()).toMatchObject({ ok: false, error: { kind: "invalid_response", message: expect.stringContaining("not JSON") } });
    body = '{"messages":[]}';
    expect(await pop()).toMatchObject({ ok: false, error: { kind: "invalid_response", message: expect.stringContaining("malformed") } });
    body = '[{"msg_class":4}]';
    expect(await pop()).toMatchObject({ ok: false, error: { kind: "invalid_response" } });
    body = '[{"msgid":1.5}]';
    expect(await pop()).toMatchObject({ ok: false, error: { kind: "invalid_response" } });
  });

  it("an answer larger than the limit is invalid_response, never buffered whole", async () => {
    const serverUrl = await startServer((_request, response) => response.writeHead(200).end(`[${'{"msgid":1},'.repeat(1_000)}{"msgid":2}]`));
    expect(await popQueueMessagesExtern(options({ connection: withServer(serverUrl), maxResponseBytes: 1_024 }))).toMatchObject({ ok: false, error: { kind: "invalid_response", message: expect.stringContaining("larger than 1024 bytes") } });
  });

  it("a timeout and an HTTP 500 are transient and retried; a 401 is auth; a 404 is permanent", async () => {
    const hanging = await startServer(() => undefined);
    expect(await popQueueMessagesExtern(options({ connection: withServer(hanging), timeoutMs: 150, retry: { maxAttempts: 2, sleep: async (ms) => void slept.push(ms) } })))
      .toMatchObject({ ok: false, error: { kind: "transient", message: expect.stringContaining("within 150 ms") } });
    expect(slept).toEqual([10_000]);
    let status = 500;
    let hits = 0;
    const failing = await startServer((_request, response) => void (hits += 1, response.writeHead(status).end()));
    expect(await popQueueMessagesExtern(options({ connection: withServer(failing) }))).toMatchObject({ ok: false, error: { kind: "transient", message: "Webfleet answered HTTP 500." } });
    expect(hits).toBe(3);
    status = 401;
    expect(await popQueueMessagesExtern(options({ connection: withServer(failing) }))).toMatchObject({ ok: false, error: { kind: "auth" } });
    status = 404;
    expect(await popQueueMessagesExtern(options({ connection: withServer(failing) }))).toMatchObject({ ok: false, error: { kind: "permanent", message: expect.stringContaining("HTTP 404") } });
  });

  it("with the allow-list empty the guard refuses loopback: blocked_address, no request sent, no retry", async () => {
    const guarded = createGuardedAgent({ allowedCidrs: [] });
    const result = await popQueueMessagesExtern(options({ connection: connection({ dispatcher: guarded }) }));
    await guarded.close();
    expect(result).toMatchObject({ ok: false, error: { kind: "blocked_address", message: expect.stringContaining("loopback") } });
    expect([fake.requests.length, slept]).toEqual([0, []]);
  });

  it("order messages pop like any other, their msgid as a string", async () => {
    fake.state.createQueue();
    fake.state.enqueue([makeOrderMessage({ objectno: "002", orderno: "N06-03", orderType: 3, orderState: 241, msgTime: "2017-05-15T01:31:47Z", msgid: 18_446_744_073_709_551_615n })]);
    const result = await popQueueMessagesExtern(options());
    expect(result.ok && result.value.messages[0]).toMatchObject({ msgid: "18446744073709551615", msg_class: 11, orderno: "N06-03" });
  });
});

describe("one poll cycle against the fake", () => {
  it("pop → object report → map → normalise with zero drops; without the ack the same page and keys come back; after it the next batch", async () => {
    fake.state.createQueue();
    fake.state.objects.push(makeObjectReportRow({ objectno: "1198", objectname: "DD-WF 1198", drivername: "Jan Jansen" }));
    fake.state.enqueue([position(1, 9_007_199_254_740_993n), position(2, 9_007_199_254_740_995n)]);
    const cycle = async () => {
      const popped = await popQueueMessagesExtern(options());
      const objects = await showObjectReportExtern(options());
      if (!popped.ok || !objects.ok) throw new Error("fetch failed");
      return mapWebfleetMessages({ messages: popped.value.messages, unitIdFrom: "objectno", objects: objects.value });
    };
    const first = await cycle();
    const normalized = normalizeEnvelope({ envelope: first.envelope, messageId: "m", limits: { now: new Date("2017-06-20T12:00:00Z"), maxFutureMs: 300_000, maxAgeMs: null } });
    expect([normalized.issues, normalized.positions.map((p) => [p.externalUnitId, p.at.toISOString(), p.driverName])]).toEqual([[], [["1198", "2017-06-20T11:01:05.000Z", "Jan Jansen"], ["1198", "2017-06-20T11:02:05.000Z", "Jan Jansen"]]]);
    expect(first.cursor).toEqual({ action: "ackQueueMessagesExtern", msgclass: 0, messageCount: 2, lastMsgid: "9007199254740995" });

    // The landing failed: no ack, so the next cycle fetches the same page, and de-duplication on the keys makes it harmless.
    const retried = await cycle();
    expect(retried.recordKeys).toEqual(["9007199254740993", "9007199254740995"]);
    expect(await ackQueueMessagesExtern(options())).toEqual({ ok: true, value: null });
    fake.state.enqueue([position(3)]);
    expect((await cycle()).envelope.positions.map((p) => p.at)).toEqual(["2017-06-20T11:03:05Z"]);
  });
});
