// The Geotab client against the loopback fake MyGeotab: sign-in, path redirect, session reuse and re-auth, the
// client-side sign-in limit, every fault the fake injects, and the feeds and Gets the mapping needs.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Agent } from "undici";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createGuardedAgent } from "@/lib/net/create-guarded-agent";
import { parseAllowedCidrs } from "@/lib/net/parse-allowed-cidrs";
import { generateLogRecords } from "@/lib/test/fakes/geotab/generate-log-records";
import { startFakeGeotab, type TFakeGeotab, type TFakeGeotabOptions } from "@/lib/test/fakes/geotab/start-fake-geotab";
import { authenticateGeotab, MAX_AUTHENTICATIONS_PER_MINUTE } from "./authenticate-geotab";
import { callGeotab } from "./call-geotab";
import { createGeotabSession } from "./create-geotab-session";
import { fetchDeviceStatusInfos } from "./fetch-device-status-infos";
import { fetchDevices } from "./fetch-devices";
import { fetchDriverChangeFeed } from "./fetch-driver-change-feed";
import { fetchIgnitionFeed } from "./fetch-ignition-feed";
import { fetchLogRecordFeed } from "./fetch-log-record-feed";
import { fetchPlanRoutes } from "./fetch-plan-routes";
import { fetchUsers } from "./fetch-users";
import { fetchZones } from "./fetch-zones";
import type { TGeotabClientOptions, TGeotabSettings } from "./geotab-types";

const PASSWORD = "fake-geotab-password";
const loopback = parseAllowedCidrs("127.0.0.0/8");
if (!loopback.ok) throw new Error("bad test CIDR");
const dispatcher: Agent = createGuardedAgent({ allowedCidrs: loopback.cidrs });
const running: TFakeGeotab[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((fake) => fake.stop()));
});
afterAll(async () => {
  await dispatcher.close();
});

const start = async (options: TFakeGeotabOptions = {}) => {
  const fake = await startFakeGeotab({ rateLimits: [], ...options });
  running.push(fake);
  return fake;
};

const settingsFor = (fake: TFakeGeotab, extra: Partial<TGeotabSettings> = {}): TGeotabSettings => ({ server: fake.url, database: "acme", userName: "api@acme.example", unitIdFrom: "name", ...extra });

/** A clock the test moves, and a sleep that only records (and advances the clock). */
const manualClock = () => {
  let at = Date.now();
  const slept: number[] = [];
  const client: TGeotabClientOptions = { dispatcher, now: () => at, sleep: async (ms) => void (slept.push(ms), (at += ms)) };
  return { client, slept, advance: (ms: number) => void (at += ms) };
};

const methodsSeen = (fake: TFakeGeotab) => fake.requests.map((request) => request.calls[0]?.method);

describe("signing in", () => {
  it("follows Authenticate's path to the home server, keeping the configured scheme, and reuses the session", async () => {
    const home = await start();
    const directory = await start({ data: "empty", redirectTo: home });
    const { client } = manualClock();
    const settings = settingsFor(directory);
    const first = await fetchDevices({ settings, password: PASSWORD, session: createGeotabSession(), client });
    expect(first.ok).toBe(true);
    expect(first.session.apiUrl).toBe(`http://${home.host}/apiv1`);
    expect(first.ok && first.value.entities.map((device) => device.name)).toEqual(["Truck 101", "Truck 102", "Van 7"]);
    const second = await fetchUsers({ settings, password: PASSWORD, session: first.session, client });
    expect(second.ok && second.value.entities.map((user) => user.id)).toEqual(["u1", "u2"]);
    expect(methodsSeen(directory)).toEqual(["Authenticate"]);
    expect(methodsSeen(home)).toEqual(["Get", "Get"]);
  });

  it("accepts a bare host name as the server (https, no port) and a path without a port keeps the configured one", async () => {
    const { resolveGeotabApiUrl } = await import("./resolve-geotab-api-url");
    expect(resolveGeotabApiUrl({ server: "my.geotab.com" })).toBe("https://my.geotab.com/apiv1");
    expect(resolveGeotabApiUrl({ server: "my.geotab.com", path: "my3.geotab.com" })).toBe("https://my3.geotab.com/apiv1");
    expect(resolveGeotabApiUrl({ server: "http://10.0.0.5:8080", path: "geotab-2.local" })).toBe("http://geotab-2.local:8080/apiv1");
    expect(resolveGeotabApiUrl({ server: "http://127.0.0.1:8080", path: "127.0.0.1:9090" })).toBe("http://127.0.0.1:9090/apiv1");
    expect(resolveGeotabApiUrl({ server: "http://127.0.0.1:8080", path: "ThisServer" })).toBe("http://127.0.0.1:8080/apiv1");
    expect(resolveGeotabApiUrl({ server: "ftp://example.com" })).toBeNull();
    expect(resolveGeotabApiUrl({ server: "my.geotab.com", path: "evil.example/other?x=1" })).toBeNull();
  });

  it("answers a wrong password as auth with MyGeotab's message and no secret, in both error shapes", async () => {
    const fake = await start();
    const { client } = manualClock();
    for (const shape of ["jsonrpc", "legacy"] as const) {
      fake.faults.errorShape = shape;
      const result = await authenticateGeotab({ settings: settingsFor(fake), password: "wrong-password-123", session: createGeotabSession(), client });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatchObject({ kind: "auth", vendorType: "InvalidUserException", message: expect.stringContaining("Incorrect login credentials") });
      expect(JSON.stringify(result)).not.toContain("wrong-password-123");
    }
  });

  it("answers an unknown database as auth (the setting is wrong), and an unusable server setting as permanent", async () => {
    const fake = await start();
    const { client } = manualClock();
    const unknown = await authenticateGeotab({ settings: settingsFor(fake, { database: "nope" }), password: PASSWORD, session: createGeotabSession(), client });
    expect(!unknown.ok && unknown.error).toMatchObject({ kind: "auth", vendorType: "DbUnavailableException", message: expect.stringContaining("UnknownDatabase") });
    const bad = await authenticateGeotab({ settings: settingsFor(fake, { server: "ftp://x" }), password: PASSWORD, session: createGeotabSession(), client });
    expect(!bad.ok && bad.error.kind).toBe("permanent");
  });

  it("re-authenticates once when the session expired, and keeps the new session", async () => {
    const fake = await start();
    const { client } = manualClock();
    const settings = settingsFor(fake);
    const first = await fetchDevices({ settings, password: PASSWORD, session: createGeotabSession(), client });
    fake.faults.expireSessions();
    const second = await fetchDevices({ settings, password: PASSWORD, session: first.session, client });
    expect(second.ok).toBe(true);
    expect(second.session.credentials?.sessionId).not.toBe(first.session.credentials?.sessionId);
    expect(methodsSeen(fake)).toEqual(["Authenticate", "Get", "Get", "Authenticate", "Get"]);
  });

  it("re-authenticates only once: a session refused again is an auth error, not a loop", async () => {
    const fake = await start();
    const { client } = manualClock();
    const settings = settingsFor(fake);
    const first = await fetchDevices({ settings, password: PASSWORD, session: createGeotabSession(), client });
    fake.faults.invalidUser = { times: 5, method: "Get" };
    const second = await fetchDevices({ settings, password: PASSWORD, session: first.session, client });
    expect(!second.ok && second.error.kind).toBe("auth");
    expect(second.session.credentials).toBeNull();
    expect(methodsSeen(fake)).toEqual(["Authenticate", "Get", "Get", "Authenticate", "Get"]);
  });

  it("discards a stored session when the settings name another server, database or user", async () => {
    const fake = await start();
    const { client } = manualClock();
    const first = await fetchDevices({ settings: settingsFor(fake), password: PASSWORD, session: createGeotabSession(), client });
    fake.state.logins.push({ userName: "other@acme.example", password: "other-password" });
    const other = await fetchDevices({ settings: settingsFor(fake, { userName: "other@acme.example" }), password: "other-password", session: first.session, client });
    expect(other.ok).toBe(true);
    expect(other.session.credentials?.userName).toBe("other@acme.example");
  });

  it(`sends at most ${MAX_AUTHENTICATIONS_PER_MINUTE} sign-ins per minute per connection, then refuses locally until the window passes`, async () => {
    const fake = await start();
    const clock = manualClock();
    let session = createGeotabSession();
    for (let attempt = 0; attempt < MAX_AUTHENTICATIONS_PER_MINUTE; attempt += 1) {
      const result = await authenticateGeotab({ settings: settingsFor(fake), password: "wrong", session, client: clock.client });
      expect(!result.ok && result.error.kind).toBe("auth");
      session = result.session;
      clock.advance(1_000);
    }
    const refused = await callGeotab({ settings: settingsFor(fake), password: PASSWORD, session, method: "GetVersion", params: {}, client: clock.client });
    expect(!refused.ok && refused.error).toMatchObject({ kind: "rate_limited", retryAfterMs: 50_000 });
    expect(fake.requests).toHaveLength(MAX_AUTHENTICATIONS_PER_MINUTE);
    clock.advance(50_000);
    const later = await callGeotab({ settings: settingsFor(fake), password: PASSWORD, session: refused.session, method: "GetVersion", params: {}, client: clock.client });
    expect(later.ok).toBe(true);
  });
});

describe("faults", () => {
  it("OverLimitException with Retry-After is rate_limited for that long, whether sent with HTTP 200 or 429", async () => {
    const fake = await start();
    const { client } = manualClock();
    const session = (await fetchDevices({ settings: settingsFor(fake), password: PASSWORD, session: createGeotabSession(), client })).session;
    for (const status of [200, 429] as const) {
      fake.faults.overLimitHttpStatus = status;
      fake.faults.overLimit = { times: 1, method: "GetFeed", retryAfterSeconds: 17 };
      const result = await fetchLogRecordFeed({ settings: settingsFor(fake), password: PASSWORD, session, fromVersion: null, client });
      expect(!result.ok && result.error).toMatchObject({ kind: "rate_limited", retryAfterMs: 17_000, vendorType: "OverLimitException" });
    }
  });

  it("the fake's own GetFeed limit (1/s) comes back as rate_limited with its Retry-After", async () => {
    const fake = await start({ rateLimits: undefined });
    const { client } = manualClock();
    const settings = settingsFor(fake);
    const first = await fetchLogRecordFeed({ settings, password: PASSWORD, session: createGeotabSession(), fromVersion: null, client });
    expect(first.ok).toBe(true);
    const second = await fetchLogRecordFeed({ settings, password: PASSWORD, session: first.session, fromVersion: first.ok ? first.value.toVersion : null, client });
    expect(!second.ok && second.error).toMatchObject({ kind: "rate_limited", retryAfterMs: 1_000 });
  });

  it("retries DbUnavailableException a bounded number of times inside the call, then reports it as transient", async () => {
    const fake = await start();
    const clock = manualClock();
    const settings = settingsFor(fake);
    const session = (await fetchDevices({ settings, password: PASSWORD, session: createGeotabSession(), client: clock.client })).session;
    fake.faults.dbUnavailable = { times: 1, method: "Get" };
    const recovered = await fetchDevices({ settings, password: PASSWORD, session, client: clock.client });
    expect(recovered.ok).toBe(true);
    expect(clock.slept).toEqual([500]);
    fake.faults.dbUnavailable = { times: 10, method: "Get", message: "Database is Initializing" };
    const failed = await fetchDevices({ settings, password: PASSWORD, session, client: clock.client });
    expect(!failed.ok && failed.error).toMatchObject({ kind: "transient", vendorType: "DbUnavailableException", message: expect.stringContaining("Initializing") });
    expect(clock.slept).toEqual([500, 500, 2_000]);
  });

  it("does not retry Authenticate inline (each try counts toward the sign-in limit): a DbUnavailable sign-in is transient at once", async () => {
    const fake = await start();
    const clock = manualClock();
    fake.faults.dbUnavailable = { times: 1, method: "Authenticate" };
    const result = await authenticateGeotab({ settings: settingsFor(fake), password: PASSWORD, session: createGeotabSession(), client: clock.client });
    expect(!result.ok && result.error.kind).toBe("transient");
    expect(result.session.recentAuthentications).toHaveLength(1);
    expect(fake.requests).toHaveLength(1);
    expect(clock.slept).toEqual([]);
  });

  it("retries a proxy's 503, waiting its fractional Retry-After; a lasting 503 is transient with the delay", async () => {
    const fake = await start();
    const clock = manualClock();
    const settings = settingsFor(fake);
    const session = (await fetchDevices({ settings, password: PASSWORD, session: createGeotabSession(), client: clock.client })).session;
    fake.faults.httpFailure = { status: 503, times: 1, retryAfter: "2.5" };
    expect((await fetchDevices({ settings, password: PASSWORD, session, client: clock.client })).ok).toBe(true);
    expect(clock.slept).toEqual([2_500]);
    fake.faults.httpFailure = { status: 503, times: 5, retryAfter: "30" };
    const failed = await fetchDevices({ settings, password: PASSWORD, session, client: clock.client });
    expect(!failed.ok && failed.error).toMatchObject({ kind: "transient", retryAfterMs: 30_000 });
  });

  it("a response that is not JSON-RPC is invalid_response; a page without toVersion too", async () => {
    const fake = await start();
    const { client } = manualClock();
    const settings = settingsFor(fake);
    const session = (await fetchDevices({ settings, password: PASSWORD, session: createGeotabSession(), client })).session;
    fake.faults.httpFailure = { status: 200, times: 1 };
    const garbled = await fetchDevices({ settings, password: PASSWORD, session, client });
    expect(!garbled.ok && garbled.error).toMatchObject({ kind: "invalid_response", message: expect.stringContaining("not JSON") });

    const odd = createServer((_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ result: { data: "nope" }, jsonrpc: "2.0" })));
    await new Promise<void>((resolve) => odd.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(odd.address() as AddressInfo).port}`;
    const oddSession = { ...session, serverUrl: `${url}/apiv1`, apiUrl: `${url}/apiv1` };
    const page = await fetchLogRecordFeed({ settings: { ...settings, server: url }, password: PASSWORD, session: oddSession, fromVersion: "0000000000000000", client });
    await new Promise<void>((resolve) => odd.close(() => resolve()));
    expect(!page.ok && page.error).toMatchObject({ kind: "invalid_response", message: expect.stringContaining("LogRecord feed page") });
  });

  it("a server that does not answer in time is transient, after the timeout (not retried inline)", async () => {
    const fake = await start();
    fake.faults.delayMs = 400;
    const clock = manualClock();
    const result = await authenticateGeotab({ settings: settingsFor(fake), password: PASSWORD, session: createGeotabSession(), client: { ...clock.client, timeoutMs: 100 } });
    expect(!result.ok && result.error).toMatchObject({ kind: "transient", message: expect.stringContaining("did not answer in time") });
    expect(clock.slept).toEqual([]);
  });

  it("refuses a loopback server when the allow-list is empty, before sending anything", async () => {
    const fake = await start();
    const guarded = createGuardedAgent({ allowedCidrs: [] });
    const result = await authenticateGeotab({ settings: settingsFor(fake), password: PASSWORD, session: createGeotabSession(), client: { dispatcher: guarded } });
    await guarded.close();
    expect(!result.ok && result.error).toMatchObject({ kind: "blocked_address", message: expect.stringContaining("OUTBOUND_ALLOWED_CIDRS") });
    expect(fake.requests).toHaveLength(0);
  });
});

describe("feeds and Gets", () => {
  it("starts the LogRecord feed from search.fromDate one hour back, then follows toVersion; a full page means a backlog", async () => {
    const fake = await start({ data: "empty" });
    const nowMs = Date.now();
    fake.state.entities.LogRecord = generateLogRecords({ count: 120, devices: 7, startMs: nowMs - 30 * 60_000 });
    const { client } = manualClock();
    const settings = settingsFor(fake);
    const first = await fetchLogRecordFeed({ settings, password: PASSWORD, session: createGeotabSession(), fromVersion: null, resultsLimit: 50, client });
    expect(first.ok && [first.value.data.length, first.value.full]).toEqual([50, true]);
    const firstBody = fake.requests.at(-1)!.body as { params: { fromVersion?: string; search?: { fromDate: string }; resultsLimit: number } };
    expect(firstBody.params.fromVersion).toBeUndefined();
    expect(Math.abs(Date.parse(firstBody.params.search!.fromDate) - (nowMs - 3_600_000))).toBeLessThan(5_000);
    expect(firstBody.params.resultsLimit).toBe(50);
    const ids = first.ok ? first.value.data.map((record) => record.id) : [];
    let fromVersion = first.ok ? first.value.toVersion : null;
    let session = first.session;
    for (;;) {
      const page = await fetchLogRecordFeed({ settings, password: PASSWORD, session, fromVersion, resultsLimit: 50, client });
      if (!page.ok) throw new Error(page.error.message);
      const body = fake.requests.at(-1)!.body as { params: { fromVersion?: string; search?: unknown } };
      expect(body.params).toMatchObject({ fromVersion });
      expect(body.params.search).toBeUndefined();
      ids.push(...page.value.data.map((record) => record.id));
      ({ session } = page);
      fromVersion = page.value.toVersion;
      if (!page.value.full) break;
    }
    expect(new Set(ids).size).toBe(120);
  });

  it("caps resultsLimit at 50,000 and asks for 50,000 by default", async () => {
    const fake = await start();
    const { client } = manualClock();
    await fetchLogRecordFeed({ settings: settingsFor(fake), password: PASSWORD, session: createGeotabSession(), fromVersion: null, resultsLimit: 90_000, client });
    expect((fake.requests.at(-1)!.body as { params: { resultsLimit: number } }).params.resultsLimit).toBe(50_000);
  });

  it("Get DeviceStatusInfo, the DriverChange feed, ignition only from StatusData (even when the feed ignores the filter), plan routes, zones", async () => {
    const fake = await start({ statusDataFeedFiltersByDiagnostic: false });
    const { client } = manualClock();
    const request = { settings: settingsFor(fake), password: PASSWORD, client };
    const statuses = await fetchDeviceStatusInfos({ ...request, session: createGeotabSession() });
    expect(statuses.ok && statuses.value.entities.map((status) => [status.device.id, status.bearing])).toEqual([["b1", 45], ["b2", -1], ["b3", 310]]);
    const session = statuses.session;
    const one = await fetchDeviceStatusInfos({ ...request, session, deviceId: "b3" });
    expect(one.ok && one.value.entities.map((status) => status.device.id)).toEqual(["b3"]);
    const changes = await fetchDriverChangeFeed({ ...request, session, fromVersion: "0000000000000000" });
    expect(changes.ok && changes.value.entities.map((change) => change.id)).toEqual(["dc1", "dc2"]);
    const ignition = await fetchIgnitionFeed({ ...request, session, fromVersion: null, fromDate: new Date(Date.now() - 3_600_000) });
    expect(ignition.ok && ignition.value.entities.map((row) => [row.device.id, row.data])).toEqual([["b1", 1], ["b2", 0], ["b3", 1]]);
    const routes = await fetchPlanRoutes({ ...request, session });
    expect(routes.ok && routes.value.entities.map((route) => route.id)).toEqual(["r1"]);
    const zones = await fetchZones({ ...request, session });
    expect(zones.ok && zones.value.entities.map((zone) => zone.name)).toEqual(["Depot Waalhaven", "Customer Utrecht", "Customer Amersfoort"]);
    expect(fake.requests.filter((entry) => entry.calls[0]?.method === "Authenticate")).toHaveLength(1);
  });

  it("skips and counts an entity that does not fit its schema instead of failing the list", async () => {
    const fake = await start();
    (fake.state.entities.Device as unknown[]).push({ id: 42, name: "broken" });
    const { client } = manualClock();
    const devices = await fetchDevices({ settings: settingsFor(fake), password: PASSWORD, session: createGeotabSession(), client });
    expect(devices.ok && [devices.value.entities.length, devices.value.skipped]).toEqual([3, 1]);
  });
});
