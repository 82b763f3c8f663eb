// The Geotab pull connector against the loopback fake MyGeotab: the first page, cursor continuity and backlog
// paging (a full page split into messages the front door accepts), session and directory reuse, every fault the fake
// injects mapped to the poll cycle's error kinds, and a connection test that stores and advances nothing.
import type { Agent } from "undici";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { findPullConnector } from "@/lib/connectors/pull/registry";
import type { TPullContext, TPulledPage } from "@/lib/connectors/pull/types";
import { MAX_ENTRIES, normalizeEnvelope } from "@/lib/ingest/normalize/normalize-envelope";
import { createGuardedAgent } from "@/lib/net/create-guarded-agent";
import { parseAllowedCidrs } from "@/lib/net/parse-allowed-cidrs";
import { generateDevices } from "@/lib/test/fakes/geotab/generate-devices";
import { generateLogRecords } from "@/lib/test/fakes/geotab/generate-log-records";
import type { TLogRecord } from "@/lib/test/fakes/geotab/geotab-types";
import { startFakeGeotab, type TFakeGeotab, type TFakeGeotabOptions } from "@/lib/test/fakes/geotab/start-fake-geotab";
import { geotabPullConnector, testGeotabConnection } from "./geotab-pull-connector";

const PASSWORD = "fake-geotab-password";
const loopback = parseAllowedCidrs("127.0.0.0/8");
if (!loopback.ok) throw new Error("bad test CIDR");
const dispatcher: Agent = createGuardedAgent({ allowedCidrs: loopback.cidrs });
const running: TFakeGeotab[] = [];
let clock = Date.parse("2026-07-01T12:00:00.000Z");

afterEach(async () => {
  await Promise.all(running.splice(0).map((fake) => fake.stop()));
});
afterAll(async () => {
  await dispatcher.close();
});

const start = async (options: TFakeGeotabOptions = {}) => {
  clock = Date.parse("2026-07-01T12:00:00.000Z");
  const fake = await startFakeGeotab({ rateLimits: [], now: () => clock, ...options });
  running.push(fake);
  return fake;
};

/** What the poll cycle hands a fetch: stored values come back through JSON, as from the database. */
const contextFor = (fake: TFakeGeotab, extra: Partial<TPullContext> = {}): TPullContext => ({
  connectionId: "conn-1",
  settings: { server: fake.url, database: "acme", userName: "api@acme.example" },
  secrets: { password: PASSWORD },
  cursor: null,
  session: null,
  now: new Date(clock),
  dispatcher,
  ...extra,
});

const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const fetchOk = async (context: TPullContext) => {
  const result = await geotabPullConnector.fetchPage(context);
  if (!result.ok) throw new Error(`fetch failed: ${result.error.kind}: ${result.error.message}`);
  return { page: result.page, session: roundTrip(result.session), cursor: roundTrip(result.page.nextCursor) };
};

const positionsOf = (page: TPulledPage) => page.messages.flatMap((message) => message.envelope.positions) as Record<string, unknown>[];
const keysOf = (page: TPulledPage) => page.messages.flatMap((message) => message.recordKeys);
const methodsSeen = (fake: TFakeGeotab) => fake.requests.map((request) => `${request.calls[0]?.method}${request.calls[0]?.typeName ? ` ${request.calls[0].typeName}` : ""}`);
const limits = { now: new Date(clock), maxFutureMs: 300_000, maxAgeMs: null };

const logRecord = (id: string, device: string, minutesAgo: number): TLogRecord => ({
  id,
  dateTime: new Date(clock - minutesAgo * 60_000).toISOString(),
  device: { id: device },
  latitude: 51.96,
  longitude: 4.55,
  speed: 40,
});

describe("the first page", () => {
  it("is registered as the geotab pull connector, with GetFeed's 1 per second as the shortest interval", () => {
    expect(findPullConnector("geotab")).toBe(geotabPullConnector);
    expect(geotabPullConnector.minIntervalSeconds).toBe(1);
    expect(geotabPullConnector.afterCommit).toBeUndefined();
  });

  it("reads the last hour of LogRecords, enriched with unit and driver names, heading and ignition, plus the plans", async () => {
    const fake = await start();
    const { page, cursor } = await fetchOk(contextFor(fake));
    const positions = positionsOf(page);
    expect(positions.map((position) => position.externalUnitId)).toEqual(["Truck 101", "Truck 102", "Van 7", "Truck 101", "Truck 102", "Van 7", "Truck 101"]);
    expect(keysOf(page).filter((key) => key.startsWith("LogRecord:"))).toEqual(["b10A01", "b10A02", "b10A03", "b10A04", "b10A05", "b10A06", "b10A07"].map((id) => `LogRecord:${id}`));
    // b1's latest fix is the one its DeviceStatusInfo describes (bearing 45, driving); Jan drives b1 since 30 minutes.
    expect(positions[6]).toMatchObject({ headingDeg: 45, isMoving: true, ignitionOn: true, driverName: "Jan de Vries", speedKmh: 71 });
    expect(positions[1]).toMatchObject({ ignitionOn: false, isMoving: false });
    expect(positions[1]!.driverName).toBeUndefined();
    // The plan rides in a message of its own, legs in sequence order at the zones' centres.
    const planMessage = page.messages.find((message) => message.envelope.plans.length > 0)!;
    expect(planMessage.envelope.positions).toEqual([]);
    expect(planMessage.envelope.plans).toMatchObject([{ externalPlanId: "r1", externalUnitId: "Truck 101", legs: [{ seq: 1, place: { name: "Depot Waalhaven" } }, { seq: 2 }, { seq: 3 }] }]);
    expect(planMessage.recordKeys).toEqual([expect.stringMatching(/^Route:r1:[0-9a-f]{64}$/)]);
    for (const message of page.messages) expect(normalizeEnvelope({ envelope: message.envelope, messageId: "m", limits }).issues).toEqual([]);
    expect(page.hasMore).toBe(false);
    expect(cursor).toMatchObject({ toVersion: expect.stringMatching(/^[0-9a-f]{16}$/), driverChanges: { toVersion: expect.any(String) }, ignition: { toVersion: expect.any(String) }, plansSentAtMs: clock });
    // The vendor payload is the LogRecord page as MyGeotab sent it.
    expect(page.vendorPayload.contentType).toBe("application/json");
    const vendor = JSON.parse(page.vendorPayload.body) as { result: { data: TLogRecord[]; toVersion: string } };
    expect(vendor.result.data.map((record) => record.id)).toEqual(["b10A01", "b10A02", "b10A03", "b10A04", "b10A05", "b10A06", "b10A07"]);
    expect(vendor.result.data[0]).toEqual(fake.state.entities.LogRecord.at(0));
    expect(vendor.result.toVersion).toBe((cursor as { toVersion: string }).toVersion);
  });
});

describe("the cursor", () => {
  it("continues where the last page ended: the next fetch gives only newer records, nothing twice", async () => {
    const fake = await start();
    const first = await fetchOk(contextFor(fake));
    clock += 30_000;
    const records = [...(fake.state.entities.LogRecord as TLogRecord[])];
    fake.state.entities.LogRecord = [...records, logRecord("b10A08", "b3", 0), logRecord("b10A09", "b2", 0)];
    const second = await fetchOk(contextFor(fake, { cursor: first.cursor, session: first.session, now: new Date(clock) }));
    expect(keysOf(second.page)).toEqual(["LogRecord:b10A08", "LogRecord:b10A09"]);
    // Driver state carried in the cursor still names b3's driver although the DriverChange feed sent nothing new.
    expect(positionsOf(second.page)[0]).toMatchObject({ externalUnitId: "Van 7", driverName: "Sanne Bakker", ignitionOn: true });
    // Plans were sent 30 s ago: not again yet.
    expect(second.page.messages.every((message) => message.envelope.plans.length === 0)).toBe(true);
    const third = await fetchOk(contextFor(fake, { cursor: second.cursor, session: second.session, now: new Date(clock) }));
    expect(third.page.messages).toEqual([]);
    expect(third.cursor).toMatchObject({ toVersion: (second.cursor as { toVersion: string }).toVersion });
  });

  it("pages through a backlog: a full page of 50,000 is split into messages of at most 10,000 and says there is more", async () => {
    const fake = await start({ data: "empty" });
    fake.state.entities.Device = generateDevices({ count: 100 });
    fake.state.entities.LogRecord = generateLogRecords({ count: 60_000, devices: 100, startMs: clock - 50 * 60_000, intervalMs: 1_000 });
    const first = await fetchOk(contextFor(fake));
    expect(first.page.hasMore).toBe(true);
    expect(first.page.messages.map((message) => message.envelope.positions.length)).toEqual([10_000, 10_000, 10_000, 10_000, 10_000]);
    expect(Math.max(...first.page.messages.map((message) => message.envelope.positions.length))).toBeLessThanOrEqual(MAX_ENTRIES.positions);
    clock += 1_000;
    const second = await fetchOk(contextFor(fake, { cursor: first.cursor, session: first.session, now: new Date(clock) }));
    expect(second.page.hasMore).toBe(false);
    expect(positionsOf(second.page)).toHaveLength(10_000);
    const keys = [...keysOf(first.page), ...keysOf(second.page)];
    expect(new Set(keys).size).toBe(60_000);
    expect(positionsOf(second.page)[0]).toMatchObject({ externalUnitId: "Truck 00001" });
  }, 60_000);

  it("a stored cursor that cannot be read stops the poll with a permanent error instead of skipping data", async () => {
    const fake = await start();
    const result = await geotabPullConnector.fetchPage(contextFor(fake, { cursor: { toVersion: "not hex" } }));
    expect(result).toMatchObject({ ok: false, error: { kind: "permanent", message: expect.stringMatching(/feed position is unreadable/) } });
    expect(fake.requests).toEqual([]);
  });
});

describe("the session", () => {
  it("is reused: no sign-in and no directory read on the next fetch; the directory is re-read after 10 minutes", async () => {
    const fake = await start();
    const first = await fetchOk(contextFor(fake));
    expect(methodsSeen(fake).filter((method) => method === "Authenticate")).toHaveLength(1);
    expect(first.session).toMatchObject({ geotab: { credentials: { sessionId: expect.any(String) } }, directory: { devices: expect.any(Array) } });
    fake.requests.length = 0;
    clock += 5_000;
    await fetchOk(contextFor(fake, { cursor: first.cursor, session: first.session, now: new Date(clock) }));
    expect(methodsSeen(fake)).toEqual(["GetFeed LogRecord", "GetFeed DriverChange", "GetFeed StatusData"]);
    fake.requests.length = 0;
    clock += 10 * 60_000;
    await fetchOk(contextFor(fake, { cursor: first.cursor, session: first.session, now: new Date(clock) }));
    expect(methodsSeen(fake)).toContain("Get Device");
    expect(methodsSeen(fake)).not.toContain("Authenticate");
  });

  it("re-reads the directory early for a device it does not know (at most once a minute), so a new vehicle gets its name", async () => {
    const fake = await start();
    const first = await fetchOk(contextFor(fake));
    clock += 2 * 60_000;
    fake.state.entities.Device = [...(fake.state.entities.Device as ReturnType<typeof generateDevices>), { ...generateDevices({ count: 1 })[0]!, id: "b9", name: "Truck 909" }];
    fake.state.entities.LogRecord = [...(fake.state.entities.LogRecord as TLogRecord[]), logRecord("b10A08", "b9", 0)];
    const second = await fetchOk(contextFor(fake, { cursor: first.cursor, session: first.session, now: new Date(clock) }));
    expect(positionsOf(second.page)).toMatchObject([{ externalUnitId: "Truck 909" }]);
  });

  it("re-sends plans after 10 minutes under the same keys while they are unchanged, and under a new key once changed", async () => {
    const fake = await start();
    const first = await fetchOk(contextFor(fake));
    const planKeys = (page: TPulledPage) => page.messages.filter((message) => message.envelope.plans.length > 0).flatMap((message) => message.recordKeys);
    clock += 10 * 60_000;
    const second = await fetchOk(contextFor(fake, { cursor: first.cursor, session: first.session, now: new Date(clock) }));
    expect(planKeys(second.page)).toEqual(planKeys(first.page));
    const routes = fake.state.entities.Route as { id: string; routePlanItemCollection: unknown[] }[];
    fake.state.entities.Route = routes.map((route) => (route.id === "r1" ? { ...route, routePlanItemCollection: route.routePlanItemCollection.slice(0, 2) } : route)) as typeof fake.state.entities.Route;
    clock += 10 * 60_000;
    const third = await fetchOk(contextFor(fake, { cursor: second.cursor, session: second.session, now: new Date(clock) }));
    expect(planKeys(third.page)).toHaveLength(1);
    expect(planKeys(third.page)).not.toEqual(planKeys(first.page));
  });

  it("signs in again once when MyGeotab has ended the session, and hands back the new one", async () => {
    const fake = await start();
    const first = await fetchOk(contextFor(fake));
    fake.faults.expireSessions();
    fake.requests.length = 0;
    const second = await fetchOk(contextFor(fake, { cursor: first.cursor, session: first.session }));
    expect(methodsSeen(fake).filter((method) => method === "Authenticate")).toHaveLength(1);
    expect((second.session as { geotab: { credentials: { sessionId: string } } }).geotab.credentials.sessionId).not.toBe((first.session as { geotab: { credentials: { sessionId: string } } }).geotab.credentials.sessionId);
  });

  it("follows Authenticate's path to the database's home server", async () => {
    const home = await start();
    const directory = await startFakeGeotab({ rateLimits: [], now: () => clock, data: "empty", redirectTo: home });
    running.push(directory);
    const { page, session } = await fetchOk(contextFor(directory));
    expect(positionsOf(page)).toHaveLength(7);
    expect((session as { geotab: { apiUrl: string } }).geotab.apiUrl).toBe(`http://${home.host}/apiv1`);
  });
});

describe("errors", () => {
  it("a wrong password is an auth error, and the session records the sign-in attempt (MyGeotab's 10 per minute)", async () => {
    const fake = await start();
    const result = await geotabPullConnector.fetchPage(contextFor(fake, { secrets: { password: "wrong-password" } }));
    expect(result).toMatchObject({ ok: false, error: { kind: "auth", message: expect.stringContaining("InvalidUserException") } });
    expect(JSON.stringify(result)).not.toContain("wrong-password");
    expect(roundTrip(result.session)).toMatchObject({ geotab: { recentAuthentications: [clock] } });
  });

  it("an unknown database is an auth error", async () => {
    const fake = await start();
    const result = await geotabPullConnector.fetchPage(contextFor(fake, { settings: { server: fake.url, database: "other", userName: "api@acme.example" } }));
    expect(result).toMatchObject({ ok: false, error: { kind: "auth", message: expect.stringContaining("UnknownDatabase") } });
  });

  it("OverLimitException is rate_limited with MyGeotab's Retry-After, also as HTTP 429", async () => {
    const fake = await start({ overLimitHttpStatus: 429 });
    const first = await fetchOk(contextFor(fake));
    fake.faults.overLimit = { times: 1, method: "GetFeed", typeName: "LogRecord", retryAfterSeconds: 7 };
    const result = await geotabPullConnector.fetchPage(contextFor(fake, { cursor: first.cursor, session: first.session }));
    expect(result).toMatchObject({ ok: false, error: { kind: "rate_limited", retryAfterMs: 7_000, message: expect.stringContaining("OverLimitException") } });
  });

  it("the fake's own GetFeed limit (1 per second per type) is rate_limited too", async () => {
    const fake = await start({ rateLimits: undefined });
    const first = await fetchOk(contextFor(fake));
    const result = await geotabPullConnector.fetchPage(contextFor(fake, { cursor: first.cursor, session: first.session }));
    expect(result).toMatchObject({ ok: false, error: { kind: "rate_limited", retryAfterMs: expect.any(Number) } });
  });

  it("DbUnavailableException and an HTTP 503 that outlast the client's retries are transient", async () => {
    const fake = await start();
    const first = await fetchOk(contextFor(fake));
    fake.faults.dbUnavailable = { times: 3, method: "GetFeed" };
    const unavailable = await geotabPullConnector.fetchPage(contextFor(fake, { cursor: first.cursor, session: first.session }));
    expect(unavailable).toMatchObject({ ok: false, error: { kind: "transient", message: expect.stringContaining("DbUnavailableException") } });
    fake.faults.httpFailure = { status: 503, times: 3 };
    const http = await geotabPullConnector.fetchPage(contextFor(fake, { cursor: first.cursor, session: first.session }));
    expect(http).toMatchObject({ ok: false, error: { kind: "transient", message: expect.stringContaining("503") } });
  }, 20_000);

  it("a server that cannot be reached is transient", async () => {
    const fake = await start();
    await fake.stop();
    const result = await geotabPullConnector.fetchPage(contextFor(fake));
    expect(result).toMatchObject({ ok: false, error: { kind: "transient", message: expect.stringContaining("Could not reach MyGeotab") } });
  }, 20_000);

  it("an answer that is not a feed page is invalid_response", async () => {
    const fake = await start();
    fake.state.entities.LogRecord = { length: 1, at: () => "not an object" as unknown as TLogRecord };
    const result = await geotabPullConnector.fetchPage(contextFor(fake, { cursor: { toVersion: "0000000000000000" } }));
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid_response" } });
  });

  it("a loopback server without an allowance is refused by the SSRF guard", async () => {
    const fake = await start();
    const result = await geotabPullConnector.fetchPage(contextFor(fake, { dispatcher: undefined }));
    expect(result).toMatchObject({ ok: false, error: { kind: "blocked_address" } });
    expect(fake.requests).toEqual([]);
  });

  it("bad settings and missing credentials are permanent, naming the field and never its value", async () => {
    const fake = await start();
    const noDatabase = await geotabPullConnector.fetchPage(contextFor(fake, { settings: { server: fake.url, userName: "api@acme.example" } }));
    expect(noDatabase).toMatchObject({ ok: false, error: { kind: "permanent", message: "Geotab settings: Database is not set." } });
    const badUnit = await geotabPullConnector.fetchPage(contextFor(fake, { settings: { server: fake.url, database: "acme", userName: "api@acme.example", unitIdFrom: "vin" } }));
    expect(badUnit).toMatchObject({ ok: false, error: { kind: "permanent", message: expect.stringMatching(/^Geotab settings: Unit id from /) } });
    const noPassword = await geotabPullConnector.fetchPage(contextFor(fake, { secrets: null }));
    expect(noPassword).toMatchObject({ ok: false, error: { kind: "permanent", message: "Geotab credentials: Password is not set." } });
    const badServer = await geotabPullConnector.fetchPage(contextFor(fake, { settings: { server: "ftp://files.example", database: "acme", userName: "api@acme.example" } }));
    expect(badServer).toMatchObject({ ok: false, error: { kind: "permanent", message: expect.stringContaining("ftp://files.example") } });
    expect(fake.requests).toEqual([]);
  });
});

describe("the connection test", () => {
  it("fetches and maps the last hour whatever the cursor, shows the vendor's records, the envelope and its drops", async () => {
    const fake = await start();
    const first = await fetchOk(contextFor(fake));
    const records = [...(fake.state.entities.LogRecord as TLogRecord[])];
    fake.state.entities.LogRecord = [...records, { ...logRecord("b10A08", "b3", 0), latitude: 123 }];
    const test = await testGeotabConnection(contextFor(fake, { cursor: first.cursor, session: first.session }));
    expect(test).toMatchObject({ ok: true, records: 8 });
    expect(test.sample).toEqual(records.slice(0, 5));
    expect(test.envelope?.positions).toHaveLength(8);
    expect(test.envelope?.plans).toMatchObject([{ externalPlanId: "r1" }]);
    expect(test.issues).toEqual([expect.objectContaining({ severity: "dropped", section: "positions", index: 7, reason: "out_of_range" })]);
    expect(test).not.toHaveProperty("nextCursor");
    // It advanced nothing: the poll from the stored cursor still gets the new record.
    const next = await fetchOk(contextFor(fake, { cursor: first.cursor, session: first.session }));
    expect(keysOf(next.page)).toEqual(["LogRecord:b10A08"]);
  });

  it("reports a failure with its kind and message", async () => {
    const fake = await start();
    const test = await testGeotabConnection(contextFor(fake, { secrets: { password: "wrong-password" } }));
    expect(test).toMatchObject({ ok: false, error: { kind: "auth" }, records: 0, sample: [], envelope: null, issues: [] });
  });
});
