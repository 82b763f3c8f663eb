// The protocol facts the Geotab connector will rely on (connector-protocols.md §2), checked over loopback HTTP.
import { afterEach, describe, expect, it } from "vitest";
import { generateDeviceStatusInfos } from "./generate-device-status-infos";
import { generateDevices } from "./generate-devices";
import { generateLogRecords } from "./generate-log-records";
import type { TLogRecord } from "./geotab-types";
import { startFakeGeotab, type TFakeGeotab, type TFakeGeotabOptions } from "./start-fake-geotab";

const DATABASE = "acme";
const USER = "api@acme.example";
const PASSWORD = "fake-geotab-password";

type TAnswer = { status: number; headers: Headers; body: { result?: unknown; error?: TError; jsonrpc?: string } };
type TError = { code?: number; message: string; data?: { type: string; requestIndex: number; id: string }; name?: string; errors?: { name: string; message: string }[] };
type TCredentials = { database: string; userName: string; sessionId: string };
type TFeed<T = TLogRecord> = { data: T[]; toVersion: string };

const running: TFakeGeotab[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((fake) => fake.stop()));
});

const start = async (options: TFakeGeotabOptions = {}) => {
  const fake = await startFakeGeotab(options);
  running.push(fake);
  return fake;
};

const call = async (origin: string, method: string, params: Record<string, unknown> = {}, path = "/apiv1"): Promise<TAnswer> => {
  const response = await fetch(`${origin}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ method, params }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as TAnswer["body"] };
};

const login = async (origin: string) => {
  const answer = await call(origin, "Authenticate", { database: DATABASE, userName: USER, password: PASSWORD });
  return (answer.body.result as { credentials: TCredentials }).credentials;
};

const errorType = (answer: TAnswer) => answer.body.error?.data?.type;

/** A clock the test moves, so limits and expiry are tested without sleeping. */
const manualClock = (startMs = Date.parse("2024-05-01T10:00:00.000Z")) => {
  let at = startMs;
  return { now: () => at, advance: (ms: number) => void (at += ms) };
};

describe("transport and envelope (§2.1)", () => {
  it("accepts JSON-RPC as a JSON POST to /apiv1 and /apiv1/, as a JSON-RPC form field, and as GET", async () => {
    const fake = await start();
    const params = { database: DATABASE, userName: USER, password: PASSWORD };
    const json = await call(fake.url, "Authenticate", params);
    const slash = await call(fake.url, "Authenticate", params, "/apiv1/");
    const form = await fetch(`${fake.url}/apiv1`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ "JSON-RPC": JSON.stringify({ method: "Authenticate", params }) }),
    }).then((response) => response.json());
    const getWrapped = await fetch(`${fake.url}/apiv1?JSON-RPC=${encodeURIComponent(JSON.stringify({ method: "GetVersion", params: {} }))}`).then((response) => response.json());
    const credentials = (json.body.result as { credentials: TCredentials }).credentials;
    const getPath = await fetch(`${fake.url}/apiv1/GetCountOf?typeName=Device&credentials=${encodeURIComponent(JSON.stringify(credentials))}`).then((response) => response.json());

    for (const answer of [json.body, slash.body, form]) {
      expect(answer).toMatchObject({ jsonrpc: "2.0", result: { path: "ThisServer", credentials: { database: DATABASE, userName: USER } } });
      expect(answer.result.credentials.sessionId).toMatch(/^\d{18,}$/);
      expect(answer.result.credentials).not.toHaveProperty("password");
    }
    expect(getWrapped).toEqual({ result: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/), jsonrpc: "2.0" });
    expect(getPath).toEqual({ result: 3, jsonrpc: "2.0" });
  });

  it("answers errors with HTTP 200 and {error:{code,message,data:{type}}} plus the legacy errors[0].name, switchable", async () => {
    const fake = await start();
    const wrong = { database: DATABASE, userName: USER, password: "not-it" };
    const both = await call(fake.url, "Authenticate", wrong);
    expect(both.status).toBe(200);
    expect(both.body.error).toMatchObject({
      code: -32000,
      message: "Incorrect login credentials",
      data: { type: "InvalidUserException", requestIndex: 0 },
      name: "JSONRPCError",
      errors: [{ name: "InvalidUserException", message: "Incorrect login credentials" }],
    });
    expect(both.body.error?.data?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(both.body).not.toHaveProperty("result");

    fake.faults.errorShape = "jsonrpc";
    const modern = await call(fake.url, "Authenticate", wrong);
    expect(errorType(modern)).toBe("InvalidUserException");
    expect(modern.body.error).not.toHaveProperty("errors");

    fake.faults.errorShape = "legacy";
    const legacy = await call(fake.url, "Authenticate", wrong);
    expect(legacy.body.error?.errors?.[0]?.name).toBe("InvalidUserException");
    expect(legacy.body.error).not.toHaveProperty("data");
  });

  it("answers an unknown method with -32601 MissingMethodException and unreadable JSON with -32700", async () => {
    const fake = await start();
    const missing = await call(fake.url, "Foobar");
    expect(missing.body.error).toMatchObject({ code: -32601, data: { type: "MissingMethodException" } });
    const garbled = await fetch(`${fake.url}/apiv1`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(garbled.status).toBe(200);
    expect(((await garbled.json()) as TAnswer["body"]).error?.code).toBe(-32700);
    expect((await fetch(`${fake.url}/elsewhere`, { method: "POST", body: "{}" })).status).toBe(404);
  });

  it("compresses large answers when asked (Accept-Encoding: gzip, br or Geotab's own \"brotli\"), and not otherwise", async () => {
    const fake = await start({ data: "empty" });
    fake.state.entities.Device = generateDevices({ count: 50 });
    const credentials = await login(fake.url);
    const devices = async (acceptEncoding: string) => {
      const response = await fetch(`${fake.url}/apiv1`, {
        method: "POST",
        headers: { "content-type": "application/json", "accept-encoding": acceptEncoding },
        body: JSON.stringify({ method: "Get", params: { typeName: "Device", credentials } }),
      });
      return { encoding: response.headers.get("content-encoding"), count: ((await response.json()) as { result: unknown[] }).result.length };
    };
    expect(await devices("gzip, deflate")).toEqual({ encoding: "gzip", count: 50 });
    expect(await devices("brotli")).toEqual({ encoding: "br", count: 50 });
    expect(await devices("identity")).toEqual({ encoding: null, count: 50 });
  });
});

describe("Authenticate and sessions (§2.2)", () => {
  it("follows a path redirect: the directory answers the home server's host and the session works only there", async () => {
    const home = await start();
    const directory = await start({ data: "empty", redirectTo: home });
    const answer = await call(directory.url, "Authenticate", { database: DATABASE, userName: USER, password: PASSWORD });
    const { credentials, path } = answer.body.result as { credentials: TCredentials; path: string };
    expect(path).toBe(home.host);
    expect(path).toMatch(/^127\.0\.0\.1:\d+$/);

    const atHome = await call(`http://${path}`, "Get", { typeName: "Device", credentials });
    expect((atHome.body.result as unknown[]).length).toBe(3);
    const atDirectory = await call(directory.url, "Get", { typeName: "Device", credentials });
    expect(errorType(atDirectory)).toBe("InvalidUserException");
    expect(home.requests.map((request) => request.calls[0]?.method)).toEqual(["Get"]);
  });

  it("expires sessions: InvalidUserException until the client authenticates again", async () => {
    const clock = manualClock();
    const fake = await start({ now: clock.now, sessionTtlMs: 60_000 });
    const first = await login(fake.url);
    expect((await call(fake.url, "GetCountOf", { typeName: "Device", credentials: first })).body.result).toBe(3);

    fake.faults.expireSessions();
    expect(errorType(await call(fake.url, "GetCountOf", { typeName: "Device", credentials: first }))).toBe("InvalidUserException");

    const second = await login(fake.url);
    expect(second.sessionId).not.toBe(first.sessionId);
    expect((await call(fake.url, "GetCountOf", { typeName: "Device", credentials: second })).body.result).toBe(3);
    clock.advance(60_000);
    expect(errorType(await call(fake.url, "GetCountOf", { typeName: "Device", credentials: second }))).toBe("InvalidUserException");
  });

  it("answers an unknown database with DbUnavailableException naming UnknownDatabase", async () => {
    const fake = await start();
    const answer = await call(fake.url, "Authenticate", { database: "nope", userName: USER, password: PASSWORD });
    expect(errorType(answer)).toBe("DbUnavailableException");
    expect(answer.body.error?.message).toContain("UnknownDatabase");
  });

  it("never logs a password or a session id", async () => {
    const fake = await start();
    const credentials = await login(fake.url);
    await call(fake.url, "GetFeed", { typeName: "LogRecord", credentials });
    await fetch(`${fake.url}/apiv1/GetCountOf?typeName=Device&credentials=${encodeURIComponent(JSON.stringify(credentials))}`);
    const log = JSON.stringify(fake.requests);
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain(credentials.sessionId);
    expect(fake.requests.map((request) => request.calls)).toEqual([[{ method: "Authenticate" }], [{ method: "GetFeed", typeName: "LogRecord" }], [{ method: "GetCountOf", typeName: "Device" }]]);
    expect(fake.requests[1]).toMatchObject({ httpMethod: "POST", path: "/apiv1", status: 200, body: { params: { credentials: { sessionId: "[redacted]", userName: USER } } } });
  });
});

describe("rate limits and transient faults (§2.3)", () => {
  it("allows 10 Authenticate calls per minute per user, failed ones included, then OverLimitException with Retry-After", async () => {
    const clock = manualClock();
    const fake = await start({ now: clock.now });
    for (let attempt = 0; attempt < 5; attempt += 1) await call(fake.url, "Authenticate", { database: DATABASE, userName: USER, password: "wrong" });
    for (let attempt = 0; attempt < 5; attempt += 1) await login(fake.url);
    clock.advance(20_000);
    const over = await call(fake.url, "Authenticate", { database: DATABASE, userName: USER, password: PASSWORD });
    expect(over.status).toBe(200);
    expect(errorType(over)).toBe("OverLimitException");
    expect(over.body.error?.message).toBe("API calls quota exceeded. Maximum admitted 10 per 1m.");
    expect(over.headers.get("retry-after")).toBe("40");
    // Another user has its own allowance.
    fake.state.logins.push({ userName: "other@acme.example", password: "other-password" });
    expect((await call(fake.url, "Authenticate", { database: DATABASE, userName: "other@acme.example", password: "other-password" })).body.result).toBeDefined();
    clock.advance(40_000);
    expect((await login(fake.url)).sessionId).toBeTruthy();
  });

  it("counts calls that carry a password instead of a session toward the Authenticate limit", async () => {
    const clock = manualClock();
    const fake = await start({ now: clock.now });
    const withPassword = { database: DATABASE, userName: USER, password: PASSWORD };
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect((await call(fake.url, "GetCountOf", { typeName: "Device", credentials: withPassword })).body.result).toBe(3);
    }
    expect(errorType(await call(fake.url, "Authenticate", withPassword))).toBe("OverLimitException");
  });

  it("limits GetFeed to 1 per second per entity type, with X-Rate-Limit-* headers on success; 429 is switchable", async () => {
    const clock = manualClock();
    const fake = await start({ now: clock.now });
    const credentials = await login(fake.url);
    const first = await call(fake.url, "GetFeed", { typeName: "LogRecord", credentials });
    expect(first.headers.get("x-rate-limit-limit")).toBe("1s");
    expect(first.headers.get("x-rate-limit-remaining")).toBe("0");
    expect(first.headers.get("x-rate-limit-reset")).toBe("2024-05-01T10:00:01.000Z");
    const second = await call(fake.url, "GetFeed", { typeName: "LogRecord", credentials });
    expect(errorType(second)).toBe("OverLimitException");
    expect(second.headers.get("retry-after")).toBe("1");
    // Another type is limited apart.
    expect((await call(fake.url, "GetFeed", { typeName: "StatusData", credentials })).body.result).toBeDefined();

    fake.faults.overLimitHttpStatus = 429;
    const third = await call(fake.url, "GetFeed", { typeName: "LogRecord", credentials });
    expect(third.status).toBe(429);
    expect(errorType(third)).toBe("OverLimitException");
    clock.advance(1_000);
    expect((await call(fake.url, "GetFeed", { typeName: "LogRecord", credentials })).body.result).toBeDefined();
    fake.faults.rateLimits = [];
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await call(fake.url, "GetFeed", { typeName: "LogRecord", credentials })).body.error).toBeUndefined();
  });

  it("injects OverLimitException with a chosen Retry-After, DbUnavailableException, InvalidUserException and an HTTP 503, each for N calls", async () => {
    const fake = await start({ rateLimits: [] });
    const credentials = await login(fake.url);
    const feed = () => call(fake.url, "GetFeed", { typeName: "LogRecord", credentials });

    fake.faults.overLimit = { times: 1, method: "GetFeed", typeName: "LogRecord", retryAfterSeconds: 17 };
    expect((await call(fake.url, "GetFeed", { typeName: "StatusData", credentials })).body.error).toBeUndefined();
    const limited = await feed();
    expect(errorType(limited)).toBe("OverLimitException");
    expect(limited.headers.get("retry-after")).toBe("17");
    expect(fake.faults.overLimit).toBeNull();

    fake.faults.dbUnavailable = { times: 2, message: "Database is Initializing" };
    expect(errorType(await feed())).toBe("DbUnavailableException");
    const again = await feed();
    expect(again.body.error?.message).toBe("Database is Initializing");
    expect((await feed()).body.error).toBeUndefined();

    fake.faults.invalidUser = { times: 1 };
    expect(errorType(await feed())).toBe("InvalidUserException");
    expect((await feed()).body.error).toBeUndefined();

    fake.faults.httpFailure = { status: 503, times: 1, retryAfter: "2.5" };
    const unavailable = await fetch(`${fake.url}/apiv1`, { method: "POST", body: JSON.stringify({ method: "GetVersion", params: {} }) });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("2.5");
    expect((await feed()).status).toBe(200);
  });

  it("delays answers on request, for client timeouts", async () => {
    const fake = await start();
    fake.faults.delayMs = 500;
    const timedOut = fetch(`${fake.url}/apiv1`, { method: "POST", body: JSON.stringify({ method: "GetVersion" }), signal: AbortSignal.timeout(100) });
    await expect(timedOut).rejects.toThrow();
  });
});

describe("GetFeed (§2.4)", () => {
  it("without fromVersion or fromDate returns only the head toVersion; from there only newer records", async () => {
    const fake = await start({ rateLimits: [] });
    const credentials = await login(fake.url);
    const head = (await call(fake.url, "GetFeed", { typeName: "LogRecord", credentials, resultsLimit: 50_000 })).body.result as TFeed;
    expect(head.data).toEqual([]);
    expect(head.toVersion).toMatch(/^[0-9a-f]{16}$/);

    const next: TLogRecord = { id: "bNEW1", dateTime: "2024-05-01T10:15:00.000Z", device: { id: "b3" }, latitude: 52.05, longitude: 4.4, speed: 52 };
    fake.state.entities.LogRecord = [...(fake.state.entities.LogRecord as TLogRecord[]), next];
    const page = (await call(fake.url, "GetFeed", { typeName: "LogRecord", fromVersion: head.toVersion, credentials })).body.result as TFeed;
    expect(page.data).toEqual([next]);
    expect(page.toVersion > head.toVersion).toBe(true);
    const empty = (await call(fake.url, "GetFeed", { typeName: "LogRecord", fromVersion: page.toVersion, credentials })).body.result as TFeed;
    expect(empty).toEqual({ data: [], toVersion: page.toVersion });
  });

  it("seeds the first call from search.fromDate, ignores fromDate once a version is given, and serves metric, ISO-8601 UTC records", async () => {
    const fake = await start({ rateLimits: [] });
    const credentials = await login(fake.url);
    const all = fake.state.entities.LogRecord as TLogRecord[];
    const sixMinutesAgo = new Date(Date.now() - 6 * 60_000).toISOString();
    const recent = (await call(fake.url, "GetFeed", { typeName: "LogRecord", search: { fromDate: sixMinutesAgo }, credentials })).body.result as TFeed;
    expect(recent.data.map((record) => record.id)).toEqual(all.filter((record) => record.dateTime >= sixMinutesAgo).map((record) => record.id));
    expect(recent.data.length).toBeGreaterThan(0);
    expect(recent.data.length).toBeLessThan(all.length);
    expect(recent.data[0]).toEqual({ id: expect.any(String), dateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), device: { id: expect.any(String) }, latitude: expect.any(Number), longitude: expect.any(Number), speed: expect.any(Number) });
    expect(recent.data.some((record) => !Number.isInteger(record.speed))).toBe(true);

    const fromStart = (await call(fake.url, "GetFeed", { typeName: "LogRecord", fromVersion: "0000000000000000", search: { fromDate: new Date().toISOString() }, credentials })).body.result as TFeed;
    expect(fromStart.data).toHaveLength(all.length);
  });

  it("serves a full page then the backlog, with no gap or overlap between toVersion and the next fromVersion", async () => {
    const fake = await start({ data: "empty", rateLimits: [] });
    fake.state.entities.LogRecord = generateLogRecords({ count: 120, devices: 7, startMs: Date.parse("2024-05-01T10:00:00Z") });
    const credentials = await login(fake.url);
    const ids: string[] = [];
    const sizes: number[] = [];
    let fromVersion = "0000000000000000";
    for (;;) {
      const page = (await call(fake.url, "GetFeed", { typeName: "LogRecord", fromVersion, resultsLimit: 50, credentials })).body.result as TFeed;
      sizes.push(page.data.length);
      ids.push(...page.data.map((record) => record.id));
      fromVersion = page.toVersion;
      if (page.data.length < 50) break;
    }
    expect(sizes).toEqual([50, 50, 20]);
    expect(new Set(ids).size).toBe(120);
  });

  it("caps resultsLimit at 50,000 silently", async () => {
    const fake = await start({ data: "empty", rateLimits: [], compression: false });
    fake.state.entities.LogRecord = generateLogRecords({ count: 50_001, devices: 10, startMs: Date.parse("2024-05-01T10:00:00Z") });
    const credentials = await login(fake.url);
    const answer = await call(fake.url, "GetFeed", { typeName: "LogRecord", fromVersion: "0000000000000000", resultsLimit: 60_000, credentials });
    expect(answer.body.error).toBeUndefined();
    const page = answer.body.result as TFeed;
    expect(page.data).toHaveLength(50_000);
    const rest = (await call(fake.url, "GetFeed", { typeName: "LogRecord", fromVersion: page.toVersion, resultsLimit: 60_000, credentials })).body.result as TFeed;
    expect(rest.data.map((record) => record.id)).toEqual([generateLogRecords({ count: 50_001, devices: 10, startMs: 0 }).at(50_000)!.id]);
  });

  it("keeps each type's versions apart and refuses a malformed version", async () => {
    const fake = await start({ rateLimits: [] });
    const credentials = await login(fake.url);
    const status = (await call(fake.url, "GetFeed", { typeName: "StatusData", fromVersion: "0000000000000000", credentials })).body.result as TFeed<object>;
    // StatusData's head handed to the LogRecord feed is not a LogRecord position: the connector must keep versions per type.
    const crossed = (await call(fake.url, "GetFeed", { typeName: "LogRecord", fromVersion: status.toVersion, credentials })).body.result as TFeed;
    expect(crossed.data).toEqual([]);
    expect(errorType(await call(fake.url, "GetFeed", { typeName: "LogRecord", fromVersion: "not-a-version", credentials }))).toBe("ArgumentException");
    expect(errorType(await call(fake.url, "GetFeed", { typeName: "DeviceStatusInfo", fromVersion: "0000000000000000", credentials }))).toBe("ArgumentException");
  });

  it("adds a version to each feed record only when switched on (unverified for LogRecord, §7.2)", async () => {
    const off = await start({ rateLimits: [] });
    const on = await start({ rateLimits: [], feedRecordsCarryVersion: true });
    const page = async (fake: TFakeGeotab) =>
      (await call(fake.url, "GetFeed", { typeName: "LogRecord", fromVersion: "0000000000000000", resultsLimit: 2, credentials: await login(fake.url) })).body.result as TFeed<TLogRecord & { version?: string }>;
    expect((await page(off)).data[0]).not.toHaveProperty("version");
    const versioned = await page(on);
    expect(versioned.data[1]?.version).toBe(versioned.toVersion);
  });

  it("generates 500,000 LogRecords over 10,000 devices on demand, served in ten full pages then an empty one", async () => {
    const fake = await start({ data: "empty", rateLimits: [], compression: false });
    fake.state.entities.Device = generateDevices({ count: 10_000 });
    fake.state.entities.DeviceStatusInfo = generateDeviceStatusInfos({ count: 10_000, atMs: Date.now() });
    fake.state.entities.LogRecord = generateLogRecords({ count: 500_000, devices: 10_000, startMs: Date.now() - 30 * 60_000 });
    const credentials = await login(fake.url);
    const devices = new Set<string>();
    const sizes: number[] = [];
    let count = 0;
    let outOfOrder = 0;
    let last = "";
    const startedAt = performance.now();
    let page = (await call(fake.url, "GetFeed", { typeName: "LogRecord", search: { fromDate: new Date(Date.now() - 3_600_000).toISOString() }, resultsLimit: 50_000, credentials })).body.result as TFeed;
    for (;;) {
      sizes.push(page.data.length);
      for (const record of page.data) {
        devices.add(record.device.id);
        if (record.dateTime < last) outOfOrder += 1;
        last = record.dateTime;
      }
      count += page.data.length;
      if (page.data.length < 50_000) break;
      page = (await call(fake.url, "GetFeed", { typeName: "LogRecord", fromVersion: page.toVersion, resultsLimit: 50_000, credentials })).body.result as TFeed;
    }
    const seconds = (performance.now() - startedAt) / 1_000;
    expect(sizes).toEqual([...Array(10).fill(50_000), 0]);
    expect(count).toBe(500_000);
    expect(outOfOrder).toBe(0);
    expect(devices.size).toBe(10_000);
    const names = (await call(fake.url, "Get", { typeName: "Device", resultsLimit: 50_000, propertySelector: { fields: ["id", "name"], isIncluded: true }, credentials })).body.result as { id: string; name: string }[];
    expect(names.map((device) => device.id).filter((id) => devices.has(id))).toHaveLength(10_000);
    const statuses = (await call(fake.url, "Get", { typeName: "DeviceStatusInfo", resultsLimit: 50_000, credentials })).body.result as { device: { id: string }; bearing: number }[];
    expect(statuses.filter((status) => devices.has(status.device.id))).toHaveLength(10_000);
    expect(statuses.filter((status) => status.bearing === -1)).toHaveLength(1_000);
    // Fast enough not to dominate the benchmark it feeds (it measures the portal, not the fake).
    expect(seconds).toBeLessThan(20);
  }, 60_000);
});

describe("enrichment and plans (§2.5)", () => {
  it("Get Device by id, with a propertySelector; a resultsLimit above 50,000 is OverLimitException", async () => {
    const fake = await start();
    const credentials = await login(fake.url);
    const one = await call(fake.url, "Get", { typeName: "Device", search: { id: "b2" }, credentials });
    expect(one.body.result).toEqual([expect.objectContaining({ id: "b2", name: "Truck 102", licensePlate: "BX-102-NL" })]);
    const slim = await call(fake.url, "Get", { typeName: "Device", propertySelector: { fields: ["id", "name"], isIncluded: true }, credentials });
    expect(slim.body.result).toEqual([{ id: "b1", name: "Truck 101" }, { id: "b2", name: "Truck 102" }, { id: "b3", name: "Van 7" }]);
    const tooMany = await call(fake.url, "Get", { typeName: "Device", resultsLimit: 50_001, credentials });
    expect(errorType(tooMany)).toBe("OverLimitException");
    expect(tooMany.body.error?.message).toBe("Supplied results limit (50001) exceeds maximum limit (50000).");
  });

  it("Get DeviceStatusInfo by device: bearing −1 means unknown, drivers are id stubs or UnknownDriverId", async () => {
    const fake = await start();
    const credentials = await login(fake.url);
    const status = (device: string) => call(fake.url, "Get", { typeName: "DeviceStatusInfo", search: { deviceSearch: { id: device } }, credentials }).then((answer) => answer.body.result as Record<string, unknown>[]);
    expect(await status("b2")).toEqual([expect.objectContaining({ device: { id: "b2" }, bearing: -1, isDriving: false, driver: "UnknownDriverId" })]);
    expect(await status("b1")).toEqual([expect.objectContaining({ bearing: 45, isDriving: true, driver: { id: "u1" } })]);
  });

  it("the DriverChange feed names drivers by id; Get User resolves them", async () => {
    const fake = await start({ rateLimits: [] });
    const credentials = await login(fake.url);
    const changes = (await call(fake.url, "GetFeed", { typeName: "DriverChange", fromVersion: "0000000000000000", credentials })).body.result as TFeed<{ device: { id: string }; driver: { id: string }; type: string }>;
    expect(changes.data.map((change) => [change.device.id, change.driver.id, change.type])).toEqual([["b1", "u1", "Driver"], ["b3", "u2", "Driver"]]);
    const user = await call(fake.url, "Get", { typeName: "User", search: { id: "u2" }, credentials });
    expect(user.body.result).toEqual([expect.objectContaining({ id: "u2", firstName: "Sanne", lastName: "Bakker", isDriver: true })]);
    const drivers = await call(fake.url, "Get", { typeName: "User", search: { isDriver: true }, credentials });
    expect((drivers.body.result as unknown[]).length).toBe(2);
  });

  it("StatusData with DiagnosticIgnitionId carries ignition as 1/0; the feed's diagnostic filter is switchable", async () => {
    const filtering = await start({ rateLimits: [] });
    const ignoring = await start({ rateLimits: [], statusDataFeedFiltersByDiagnostic: false });
    const ignition = async (fake: TFakeGeotab) =>
      (await call(fake.url, "GetFeed", { typeName: "StatusData", fromVersion: "0000000000000000", search: { diagnosticSearch: { id: "DiagnosticIgnitionId" } }, credentials: await login(fake.url) })).body.result as TFeed<{ device: { id: string }; diagnostic: { id: string }; data: number }>;
    const filtered = await ignition(filtering);
    expect(filtered.data.map((row) => [row.device.id, row.data])).toEqual([["b1", 1], ["b2", 0], ["b3", 1]]);
    const unfiltered = await ignition(ignoring);
    expect(unfiltered.data.map((row) => row.diagnostic.id)).toContain("DiagnosticOdometerId");
    expect(filtered.toVersion).toBe(unfiltered.toVersion);
  });

  it("Route entities of type Plan carry a device and routePlanItemCollection (stored out of sequence); zones have points", async () => {
    const fake = await start({ rateLimits: [] });
    const credentials = await login(fake.url);
    const routes = (await call(fake.url, "Get", { typeName: "Route", credentials })).body.result as { id: string; routeType: string; device?: { id: string }; routePlanItemCollection: { sequence: number; zone: { id: string } }[] }[];
    const plan = routes.find((route) => route.routeType === "Plan")!;
    expect(plan).toMatchObject({ id: "r1", device: { id: "b1" } });
    expect(plan.routePlanItemCollection.map((item) => item.sequence)).toEqual([3, 1, 2]);
    expect(routes.find((route) => route.routeType === "Basic")).not.toHaveProperty("device");
    const zone = await call(fake.url, "Get", { typeName: "Zone", search: { id: "z1" }, credentials });
    expect(zone.body.result).toEqual([expect.objectContaining({ name: "Depot Waalhaven", points: expect.arrayContaining([{ x: 4.42, y: 51.88 }]) })]);
    const feed = (await call(fake.url, "GetFeed", { typeName: "Route", fromVersion: "0000000000000000", credentials })).body.result as TFeed<{ id: string }>;
    expect(feed.data.map((route) => route.id)).toEqual(["r1", "r2"]);
  });

  it("ExecuteMultiCall returns results in order; a failing call reports its requestIndex and later calls do not run", async () => {
    const fake = await start();
    const credentials = await login(fake.url);
    const ok = await call(fake.url, "ExecuteMultiCall", { calls: [{ method: "GetCountOf", params: { typeName: "Device" } }, { method: "GetCountOf", params: { typeName: "User" } }], credentials });
    expect(ok.body.result).toEqual([3, 3]);
    const failed = await call(fake.url, "ExecuteMultiCall", {
      calls: [{ method: "GetCountOf", params: { typeName: "Device" } }, { method: "Foobar", params: {} }, { method: "GetFeed", params: { typeName: "LogRecord" } }],
      credentials,
    });
    expect(failed.body.error).toMatchObject({ code: -32601, data: { type: "MissingMethodException", requestIndex: 1 } });
    // Had the third call run, it would have used this second's only LogRecord GetFeed.
    expect((await call(fake.url, "GetFeed", { typeName: "LogRecord", credentials })).body.error).toBeUndefined();
  });
});
