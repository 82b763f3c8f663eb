// The protocol facts the Webfleet connector relies on (reference §1), proved against the
// fake over loopback HTTP with plain fetch, and each fault switch doing what it says.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeOrderMessage, makePositionMessage } from "./webfleet-messages";
import { makeObjectReportRow, makeOrderReportRow } from "./webfleet-reports";
import { DEFAULT_WEBFLEET_ACCOUNT, startFakeWebfleet, type TFakeWebfleet, type TFakeWebfleetOptions } from "./start-fake-webfleet";

const login = { account: DEFAULT_WEBFLEET_ACCOUNT.account, username: DEFAULT_WEBFLEET_ACCOUNT.username, password: DEFAULT_WEBFLEET_ACCOUNT.password, apikey: "fake-apikey" };
const json = { outputformat: "json", useISO8601: "true", useUTF8: "true" };

let fake: TFakeWebfleet;
const start = async (options?: TFakeWebfleetOptions) => {
  await fake?.stop();
  fake = await startFakeWebfleet(options);
};
beforeEach(() => start());
afterEach(() => fake.stop());

/** One WEBFLEET.connect GET with the connector's usual parameters unless overridden. */
const call = async (params: Record<string, string | undefined>, init?: RequestInit) => {
  const query = new URLSearchParams(Object.entries({ ...login, ...json, ...params }).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const response = await fetch(`${fake.endpoint}?${query}`, init);
  return { response, text: await response.text() };
};
const parsed = async (params: Record<string, string | undefined>) => JSON.parse((await call(params)).text) as unknown;
const position = (minute: number, overrides: Partial<Parameters<typeof makePositionMessage>[0]> = {}) =>
  makePositionMessage({ objectno: "1198", latitude: 51.363008, longitude: 13.73807, posTime: `2017-06-20T11:${String(minute).padStart(2, "0")}:05Z`, speedKmh: 102, course: 225, ...overrides });

describe("authentication (reference §1.1)", () => {
  it("accepts account, username, password and apikey in the query; answers a wrong password with HTTP 200, the JSON error and the headers", async () => {
    expect(await parsed({ action: "showObjectReportExtern" })).toEqual([]);
    const { response, text } = await call({ action: "showObjectReportExtern", password: "wrong" });
    expect(response.status).toBe(200);
    expect(JSON.parse(text)).toEqual({ errorCode: 1001, errorMsg: "Invalid credentials" });
    expect(response.headers.get("x-webfleet-errorcode")).toBe("1001");
    expect(response.headers.get("x-webfleet-errormessage")).toBe("Invalid credentials");
  });

  it("accepts Basic with account and apikey in the query; a wrong Basic login is a 401, or a 200 error when switched", async () => {
    const basic = (password: string) => ({ headers: { authorization: `Basic ${Buffer.from(`fake-user:${password}`).toString("base64")}` } });
    const ok = await call({ action: "showObjectReportExtern", username: undefined, password: undefined }, basic("fake-password"));
    expect([ok.response.status, ok.text]).toEqual([200, "[]"]);
    const refused = await call({ action: "showObjectReportExtern", username: undefined, password: undefined }, basic("wrong"));
    expect(refused.response.status).toBe(401);
    expect(refused.response.headers.get("x-webfleet-errorcode")).toBe("1001");
    fake.faults.basicAuthFailure = "error-200";
    expect((await call({ action: "showObjectReportExtern", username: undefined, password: undefined }, basic("wrong"))).response.status).toBe(200);
    fake.faults.authStyles.basic = false;
    expect(JSON.parse((await call({ action: "showObjectReportExtern", username: undefined, password: undefined }, basic("fake-password"))).text)).toMatchObject({ errorCode: 1001 });
  });

  it("refuses a wrong apikey always, a missing one only when apiKeyRequired; badCredentials refuses everyone; the code is switchable", async () => {
    expect(await parsed({ action: "showObjectReportExtern", apikey: "other" })).toMatchObject({ errorCode: 1001 });
    expect(await parsed({ action: "showObjectReportExtern", apikey: undefined })).toEqual([]);
    fake.faults.apiKeyRequired = true;
    expect(await parsed({ action: "showObjectReportExtern", apikey: undefined })).toMatchObject({ errorCode: 1001 });
    fake.faults.badCredentials = true;
    fake.faults.codes.invalidCredentials = { errorCode: 45, errorMsg: "login failed" };
    expect(await parsed({ action: "showObjectReportExtern" })).toEqual({ errorCode: 45, errorMsg: "login failed" });
  });

  it("reads parameters as UTF-8 only with useUTF8=true, as ISO-8859-1 otherwise", async () => {
    fake.state.accounts[0]!.password = "Pässwort";
    expect(await parsed({ action: "showObjectReportExtern", password: "Pässwort" })).toEqual([]);
    expect(await parsed({ action: "showObjectReportExtern", password: "Pässwort", useUTF8: undefined })).toMatchObject({ errorCode: 1001 });
    const latin1 = await fetch(`${fake.endpoint}?action=showObjectReportExtern&outputformat=json&account=fake-account&username=fake-user&password=P%E4sswort`);
    expect(await latin1.text()).toBe("[]");
  });

  it("logs every request without secrets: password, apikey and the Authorization header are redacted", async () => {
    await call({ action: "showObjectReportExtern" }, { headers: { authorization: "Basic c2VjcmV0" } });
    const [logged] = fake.requests;
    expect(logged).toMatchObject({ method: "GET", path: "/extern", action: "showObjectReportExtern", auth: "basic" });
    expect(logged?.params).toMatchObject({ account: "fake-account", password: "[redacted]", apikey: "[redacted]" });
    expect(logged?.headers.authorization).toBe("[redacted]");
    expect(JSON.stringify(fake.requests)).not.toMatch(/fake-password|fake-apikey|c2VjcmV0/);
  });

  it("also takes a form POST with the same fields; serves only /extern", async () => {
    const body = new URLSearchParams({ ...login, ...json, action: "showObjectReportExtern" });
    const posted = await fetch(fake.endpoint, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded;charset=utf-8" }, body });
    expect(await posted.text()).toBe("[]");
    expect((await fetch(`${fake.url}/other?action=showObjectReportExtern`)).status).toBe(404);
    expect(await parsed({ action: "noSuchActionExtern" })).toEqual({ errorCode: 8, errorMsg: "action not allowed" });
  });
});

describe("message queue (reference §1.3)", () => {
  it("createQueueExtern answers an empty 200 and is idempotent; the 'already exists' error is a switch", async () => {
    const first = await call({ action: "createQueueExtern", msgclass: "0" });
    expect([first.response.status, first.text]).toEqual([200, ""]);
    expect((await call({ action: "createQueueExtern", msgclass: "0" })).text).toBe("");
    fake.faults.createQueueWhenExists = "error";
    expect(await parsed({ action: "createQueueExtern", msgclass: "0" })).toEqual({ errorCode: 2001, errorMsg: "queue already exists" });
    expect(await parsed({ action: "createQueueExtern", msgclass: "99" })).toMatchObject({ errorCode: 20 });
  });

  it("a queue collects only from its creation; pop of a missing queue is an error (or empty when switched)", async () => {
    expect(fake.state.enqueue([position(1)])).toBe(0);
    expect(await parsed({ action: "popQueueMessagesExtern", msgclass: "0" })).toEqual({ errorCode: 2002, errorMsg: "queue does not exist" });
    fake.faults.missingQueue = "empty";
    expect(await parsed({ action: "popQueueMessagesExtern", msgclass: "0" })).toEqual([]);
    await call({ action: "createQueueExtern", msgclass: "0" });
    expect(await parsed({ action: "popQueueMessagesExtern", msgclass: "0" })).toEqual([]);
  });

  it("a pop without ack returns the same batch; ack releases it and the next pop returns the following messages", async () => {
    fake.state.createQueue();
    const [one, two] = [position(1), position(2)];
    fake.state.enqueue([one, two]);
    const first = await parsed({ action: "popQueueMessagesExtern", msgclass: "0" });
    fake.state.enqueue([position(3)]);
    expect(await parsed({ action: "popQueueMessagesExtern", msgclass: "0" })).toEqual(first);
    expect((first as { msgid: number }[]).map((message) => message.msgid)).toEqual([one.msgid, two.msgid]);
    const ack = await call({ action: "ackQueueMessagesExtern", msgclass: "0" });
    expect([ack.response.status, ack.text]).toEqual([200, ""]);
    expect((await parsed({ action: "popQueueMessagesExtern", msgclass: "0" })) as unknown[]).toHaveLength(1);
  });

  it("returns at most 500 messages per pop (the cap is a switch)", async () => {
    fake.faults.quotas = "off";
    fake.state.createQueue();
    fake.state.enqueue(Array.from({ length: 1_200 }, (_, index) => position(index % 60)));
    const sizes: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      sizes.push(((await parsed({ action: "popQueueMessagesExtern", msgclass: "0" })) as unknown[]).length);
      await call({ action: "ackQueueMessagesExtern", msgclass: "0" });
    }
    expect(sizes).toEqual([500, 500, 200, 0]);
    fake.faults.popCap = 2;
    fake.state.enqueue([position(1), position(2), position(3)]);
    expect((await parsed({ action: "popQueueMessagesExtern", msgclass: "0" })) as unknown[]).toHaveLength(2);
  });

  it("filters by request msgclass: 0 takes all, 2 no tracking-only messages, 4 the class-11 order messages", async () => {
    for (const msgclass of [0, 2, 4]) fake.state.createQueue({ msgclass });
    const order = makeOrderMessage({ objectno: "002", orderno: "N06-03", orderType: 3, orderState: 241, msgTime: "2017-05-15T01:31:47Z" });
    expect(fake.state.enqueue([position(1), order])).toBe(3);
    const types = async (msgclass: string) => ((await parsed({ action: "popQueueMessagesExtern", msgclass })) as { msg_type: number }[]).map((message) => message.msg_type);
    expect(await types("0")).toEqual([41100353, 110000760]);
    expect(await types("2")).toEqual([110000760]);
    expect(await types("4")).toEqual([110000760]);
  });

  it("an unpolled queue expires when a TTL is set", async () => {
    fake.faults.queueTtlMs = 60_000;
    fake.state.createQueue();
    fake.clock.advance(60_001);
    expect(await parsed({ action: "popQueueMessagesExtern", msgclass: "0" })).toMatchObject({ errorCode: 2002 });
  });
});

describe("queue messages and reports (reference §1.4–§1.6)", () => {
  it("a position message carries micro-degree integers, km/h, course and ISO UTC times; a 64-bit msgid arrives verbatim", async () => {
    fake.state.createQueue();
    fake.state.enqueue([position(52, { msgid: 9_007_199_254_740_993n, ignition: 1 })]);
    const { text } = await call({ action: "popQueueMessagesExtern", msgclass: "0" });
    expect(text).toContain('"msgid":9007199254740993,');
    expect(JSON.parse(text)[0]).toMatchObject({
      msg_class: 4, msg_type: 41100353, objectno: "1198", objectuid: "1-1-1198",
      pos_latitude: 51363008, pos_longitude: 13738070, pos_time: "2017-06-20T11:52:05Z", speed: 102, course: 225, direction: 6, ign: 1, status: "A",
    });
  });

  it("a class-11 order message carries orderno, order_type, order_state and its fix", () => {
    const message = makeOrderMessage({ objectno: "002", orderno: "N06-03", orderType: 3, orderState: 241, msgTime: "2017-05-15T01:31:47Z", position: { latitude: 48.141644, longitude: 11.549744, posTime: "2017-05-15T01:31:45Z" } });
    expect(message).toMatchObject({ msg_class: 11, msg_type: 110000760, orderno: "N06-03", order_type: 3, order_state: 241, pos_latitude: 48141644, pos_longitude: 11549744 });
  });

  it("without useISO8601=true, times come in the account's time zone as dd.MM.yyyy HH:mm:ss", async () => {
    fake.state.createQueue();
    fake.state.enqueue([position(52)]);
    const [message] = (await parsed({ action: "popQueueMessagesExtern", msgclass: "0", useISO8601: undefined })) as { pos_time: string }[];
    expect(message?.pos_time).toBe("20.06.2017 13:52:05");
  });

  it("showObjectReportExtern serves µdeg fields beside DMS strings, filters by objectuid and honours columnfilter", async () => {
    fake.state.objects.push(
      makeObjectReportRow({ objectno: "858EU4", objectname: "YRT-MMD2439", objectuid: "1-1-299CF855B", latitude: 52.37, longitude: 4.895, drivername: "Jan Jansen" }),
      makeObjectReportRow({ objectno: "002", objectname: "Truck 2" }),
    );
    const rows = (await parsed({ action: "showObjectReportExtern", objectuid: "1-1-299CF855B" })) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ objectno: "858EU4", objectname: "YRT-MMD2439", latitude_mdeg: 52370000, longitude_mdeg: 4895000, latitude: "52° 22' 12.0\" N", drivername: "Jan Jansen" });
    expect(await parsed({ action: "showObjectReportExtern", columnfilter: "objectuid,objectname" })).toEqual([
      { objectname: "YRT-MMD2439", objectuid: "1-1-299CF855B" }, { objectname: "Truck 2", objectuid: "1-1-002" },
    ]);
  });

  it("showOrderReportExtern serves order rows, filtered by orderid", async () => {
    fake.state.orders.push(
      makeOrderReportRow({ orderid: "A-1", ordertype: 2, orderstate: 401, objectno: "002", latitude: 48.1, longitude: 11.5, city: "München" }),
      makeOrderReportRow({ orderid: "A-2", ordertype: 3, orderstate: 100, objectno: "002" }),
    );
    expect(await parsed({ action: "showOrderReportExtern", orderid: "A-1" })).toEqual([
      expect.objectContaining({ orderid: "A-1", ordertype: 2, orderstate: 401, objectno: "002", latitude: 48100000, longitude: 11500000, city: "München" }),
    ]);
  });
});

describe("output formats (reference §1.1)", () => {
  it("defaults to CSV with a header line and ';', honours separator=3 (comma), and writes CSV errors as 'code, message'", async () => {
    fake.state.objects.push(makeObjectReportRow({ objectno: "002", objectname: "Truck; 2" }));
    const csv = await call({ action: "showObjectReportExtern", outputformat: undefined, columnfilter: "objectno,objectname" });
    expect(csv.text).toBe('objectno;objectname\r\n002;"Truck; 2"\r\n');
    expect((await call({ action: "showObjectReportExtern", outputformat: "csv", separator: "3", columnfilter: "objectno,objectname" })).text).toBe("objectno,objectname\r\n002,Truck; 2\r\n");
    const error = await call({ action: "showObjectReportExtern", outputformat: "csv", password: "wrong" });
    expect(error.text).toBe("1001, Invalid credentials\r\n");
    expect(error.response.headers.get("x-webfleet-errorcode")).toBe("1001");
  });
});

describe("quotas and busy errors (reference §1.1, §1.2)", () => {
  it("pop is limited to 10 per minute per (account, user, action): the 11th is 8011, a minute later it passes", async () => {
    fake.state.createQueue();
    for (let index = 0; index < 10; index += 1) expect(await parsed({ action: "popQueueMessagesExtern", msgclass: "0" })).toEqual([]);
    const over = await call({ action: "popQueueMessagesExtern", msgclass: "0" });
    expect(JSON.parse(over.text)).toMatchObject({ errorCode: 8011 });
    expect(over.response.headers.get("x-webfleet-errorcode")).toBe("8011");
    expect((await call({ action: "ackQueueMessagesExtern", msgclass: "0" })).text, "ack counts separately").toBe("");
    fake.clock.advance(60_001);
    expect(await parsed({ action: "popQueueMessagesExtern", msgclass: "0" })).toEqual([]);
  });

  it("showObjectReportExtern allows 6 per minute; the scope and the enforcement are switches", async () => {
    await start({ accounts: [DEFAULT_WEBFLEET_ACCOUNT, { ...DEFAULT_WEBFLEET_ACCOUNT, username: "second-user" }] });
    const report = (username = "fake-user") => parsed({ action: "showObjectReportExtern", username });
    for (let index = 0; index < 6; index += 1) await report();
    expect(await report()).toMatchObject({ errorCode: 8011 });
    expect(await report("second-user"), "another user has its own quota by default").toEqual([]);
    fake.faults.quotaScope = "account";
    fake.resetQuotas();
    for (let index = 0; index < 6; index += 1) await report(index % 2 ? "second-user" : "fake-user");
    expect(await report("second-user"), "per account, users share it").toMatchObject({ errorCode: 8011 });
    fake.faults.quotas = "off";
    expect(await report()).toEqual([]);
  });

  it("injected 8015 and 10000 answer the next matching requests once each, then the call succeeds", async () => {
    fake.state.createQueue();
    fake.faults.injected.push({ action: "popQueueMessagesExtern", error: fake.faults.codes.userBusy }, { error: fake.faults.codes.resourceBusy });
    expect(await parsed({ action: "showObjectReportExtern" })).toEqual({ errorCode: 10000, errorMsg: "resource currently busy, retry later" });
    expect(await parsed({ action: "popQueueMessagesExtern", msgclass: "0" })).toEqual({ errorCode: 8015, errorMsg: "Username busy processing other request" });
    expect(await parsed({ action: "popQueueMessagesExtern", msgclass: "0" })).toEqual([]);
  });

  it("with session locking, a second request of the same user while the first is being answered gets 8015", async () => {
    fake.state.createQueue();
    fake.faults.latencyMs = 150;
    const answers = await Promise.all([parsed({ action: "popQueueMessagesExtern", msgclass: "0" }), parsed({ action: "ackQueueMessagesExtern", msgclass: "0" })]);
    expect(answers).toContainEqual(expect.objectContaining({ errorCode: 8015 }));
    fake.faults.sessionLocking = false;
    expect(await Promise.all([parsed({ action: "popQueueMessagesExtern", msgclass: "0" }), parsed({ action: "showObjectReportExtern" })])).toEqual([[], []]);
  });
});
