// The Geotab mapping, proven through the front door's normaliser: good vendor data lands with zero drops, bad
// vendor records get the front door's reason codes, and a full page splits into messages the front door accepts.
import type { Agent } from "undici";
import { afterAll, describe, expect, it } from "vitest";
import { normalizeEnvelope } from "@/lib/ingest/normalize/normalize-envelope";
import { createGuardedAgent } from "@/lib/net/create-guarded-agent";
import { parseAllowedCidrs } from "@/lib/net/parse-allowed-cidrs";
import { createSeedEntities } from "@/lib/test/fakes/geotab/create-seed-entities";
import { generateDevices } from "@/lib/test/fakes/geotab/generate-devices";
import { generateLogRecords } from "@/lib/test/fakes/geotab/generate-log-records";
import { startFakeGeotab } from "@/lib/test/fakes/geotab/start-fake-geotab";
import { createGeotabSession } from "./create-geotab-session";
import { fetchDeviceStatusInfos } from "./fetch-device-status-infos";
import { fetchDevices } from "./fetch-devices";
import { fetchDriverChangeFeed } from "./fetch-driver-change-feed";
import { fetchIgnitionFeed } from "./fetch-ignition-feed";
import { fetchLogRecordFeed } from "./fetch-log-record-feed";
import { fetchPlanRoutes } from "./fetch-plan-routes";
import { fetchUsers } from "./fetch-users";
import { fetchZones } from "./fetch-zones";
import type { TGeotabMessage } from "./geotab-envelope";
import { ZDevice, ZDeviceStatusInfo, ZDriverChange, ZRoute, ZStatusData, ZUser, ZZone, type TFeedRecord, type TGeotabResult } from "./geotab-types";
import { mapGeotabPage, type TMapGeotabPage } from "./map-geotab-page";

const NOW_MS = Date.parse("2026-07-01T12:00:00.000Z");
const seed = createSeedEntities({ nowMs: NOW_MS });

/** The seed as the client hands it over (each entity through its boundary schema). */
const seedInput = (extra: Partial<TMapGeotabPage> = {}): TMapGeotabPage => ({
  logRecords: seed.LogRecord as unknown as TFeedRecord[],
  toVersion: "00000001004c1e2a7",
  unitIdFrom: "name",
  devices: seed.Device.map((device) => ZDevice.parse(device)),
  statusInfos: seed.DeviceStatusInfo.map((status) => ZDeviceStatusInfo.parse(status)),
  driverChanges: seed.DriverChange.map((change) => ZDriverChange.parse(change)),
  users: seed.User.map((user) => ZUser.parse(user)),
  ignition: seed.StatusData.filter((row) => row.diagnostic.id === "DiagnosticIgnitionId").map((row) => ZStatusData.parse(row)),
  routes: seed.Route.map((route) => ZRoute.parse(route)),
  zones: seed.Zone.map((zone) => ZZone.parse(zone)),
  ...extra,
});

const normalize = (message: TGeotabMessage, nowMs = NOW_MS) => normalizeEnvelope({ envelope: message.envelope, messageId: "msg-1", limits: { now: new Date(nowMs), maxFutureMs: 5 * 60_000, maxAgeMs: null } });

describe("good vendor data", () => {
  it("maps the seed fleet to positions and a plan the front door accepts with zero drops", () => {
    const { messages, cursor, unknownDeviceIds } = mapGeotabPage(seedInput());
    expect(cursor).toEqual({ toVersion: "00000001004c1e2a7" });
    expect(unknownDeviceIds).toEqual([]);
    expect(messages).toHaveLength(1);
    const [message] = messages as [TGeotabMessage];
    expect(message.recordKeys).toEqual({ positions: seed.LogRecord.map((record) => record.id), plans: ["r1"] });
    const result = normalize(message);
    expect(result.issues).toEqual([]);
    expect(result.counts.positions).toMatchObject({ received: 7, dropped: 0, duplicate: 0 });
    expect(result.positions).toHaveLength(7);

    const byId = new Map(seed.LogRecord.map((record, index) => [record.id, result.positions[index]!]));
    // b1's latest fix is the one its DeviceStatusInfo describes: bearing 45, driving; Jan drives, ignition on.
    expect(byId.get("b10A07")).toMatchObject({ externalUnitId: "Truck 101", lat: 51.9541, lng: 4.5304, speedKmh: 71, headingDeg: 45, isMoving: true, ignitionOn: true, driverName: "Jan de Vries" });
    // An earlier b1 fix: heading from the previous fix (north-east), not the status's.
    const earlier = byId.get("b10A04")!;
    expect(earlier.speedKmh).toBe(64.5);
    expect(earlier.headingDeg).toBeGreaterThan(20);
    expect(earlier.headingDeg).toBeLessThan(70);
    // b2: bearing −1 (unknown) and standing still: no heading, not moving, ignition off, no driver.
    expect(byId.get("b10A05")).toMatchObject({ externalUnitId: "Truck 102", speedKmh: 0, headingDeg: null, isMoving: false, ignitionOn: false, driverName: null });
    // b3: ignition reported at the very time of its first fix counts; Sanne took over 20 minutes ago.
    expect(byId.get("b10A03")).toMatchObject({ externalUnitId: "Van 7", ignitionOn: true, driverName: "Sanne Bakker", isMoving: true });
    expect(byId.get("b10A06")).toMatchObject({ headingDeg: 310 });

    expect(result.plans).toHaveLength(1);
    const plan = result.plans[0]!;
    expect(plan).toMatchObject({ externalPlanId: "r1", externalUnitId: "Truck 101", status: "planned" });
    expect(plan.legs.map((leg) => [leg.seq, leg.kind, leg.placeName])).toEqual([[1, "delivery", "Depot Waalhaven"], [2, "delivery", "Customer Utrecht"], [3, "delivery", "Customer Amersfoort"]]);
    expect(plan.legs[0]).toMatchObject({ lat: 51.89, lng: 4.43, windowStart: new Date(NOW_MS), windowEnd: new Date(NOW_MS + 2 * 3_600_000) });
  });

  it("takes the unit id from the licence plate or the device id when the connection says so", () => {
    const plate = mapGeotabPage(seedInput({ unitIdFrom: "licensePlate" })).messages[0]!;
    expect(new Set(plate.envelope.positions.map((position) => position.externalUnitId))).toEqual(new Set(["BX-101-NL", "BX-102-NL", "VN-007-NL"]));
    expect(plate.envelope.plans[0]?.externalUnitId).toBe("BX-101-NL");
    const ids = mapGeotabPage(seedInput({ unitIdFrom: "id" })).messages[0]!;
    expect(new Set(ids.envelope.positions.map((position) => position.externalUnitId))).toEqual(new Set(["b1", "b2", "b3"]));
  });

  it("falls back to the device id for a device it does not know yet, and names it so the caller can refresh devices", () => {
    const { messages, unknownDeviceIds } = mapGeotabPage(seedInput({ devices: [] }));
    expect(unknownDeviceIds.sort()).toEqual(["b1", "b2", "b3"]);
    expect(normalize(messages[0]!).issues).toEqual([]);
    expect(messages[0]!.envelope.positions[0]?.externalUnitId).toBe("b1");
  });

  it("without enrichment still maps position, speed and moving (speed > 0), leaving heading, ignition and driver out", () => {
    const { messages } = mapGeotabPage({ logRecords: seed.LogRecord as unknown as TFeedRecord[], toVersion: "1", unitIdFrom: "id", devices: [] });
    const result = normalize(messages[0]!);
    expect(result.issues).toEqual([]);
    expect(result.positions[1]).toMatchObject({ externalUnitId: "b2", isMoving: false, ignitionOn: null, driverName: null, headingDeg: null });
    expect(result.positions[0]).toMatchObject({ isMoving: true, speedKmh: 52 });
  });

  it("splits a full page into messages of at most 10,000 positions, keys aligned, plans in the first only", () => {
    const startMs = NOW_MS - 30 * 60_000;
    const source = generateLogRecords({ count: 25_000, devices: 500, startMs, intervalMs: 1_000 });
    const logRecords = Array.from({ length: source.length }, (_, index) => source.at(index)!) as unknown as TFeedRecord[];
    const devices = generateDevices({ count: 500 }).map((device) => ZDevice.parse(device));
    const { messages } = mapGeotabPage({ ...seedInput(), logRecords, devices, statusInfos: [] });
    expect(messages.map((message) => message.envelope.positions.length)).toEqual([10_000, 10_000, 5_000]);
    expect(messages.map((message) => message.envelope.plans.length)).toEqual([1, 0, 0]);
    expect(messages.flatMap((message) => message.recordKeys.positions)).toEqual(logRecords.map((record) => record.id));
    for (const message of messages) {
      const result = normalize(message);
      expect(result.issues).toEqual([]);
      expect(result.positions).toHaveLength(message.envelope.positions.length);
    }
  });

  it("an empty page lands nothing and keeps the cursor", () => {
    expect(mapGeotabPage({ logRecords: [], toVersion: "00000000000000aa", unitIdFrom: "name", devices: [] })).toEqual({ messages: [], cursor: { toVersion: "00000000000000aa" }, unknownDeviceIds: [] });
  });
});

describe("bad vendor records", () => {
  const record = (extra: Record<string, unknown>): TFeedRecord => ({ id: "bX", dateTime: "2026-07-01T11:59:00.000Z", device: { id: "b1" }, latitude: 51.9, longitude: 4.5, speed: 10, ...extra });

  it.each([
    [{ device: undefined }, "missing_field"],
    [{ dateTime: "yesterday" }, "invalid_timestamp"],
    [{ dateTime: undefined }, "missing_field"],
    [{ latitude: "51.9" }, "invalid_type"],
    [{ latitude: 95 }, "out_of_range"],
    [{ latitude: 0, longitude: 0 }, "zero_coordinates"],
    [{ dateTime: "2026-07-01T13:00:00.000Z" }, "future_timestamp"],
  ])("drops a LogRecord with %o as %s, keeping the good one beside it", (extra, reason) => {
    const { messages } = mapGeotabPage({ ...seedInput({ routes: [] }), logRecords: [record(extra), record({ id: "bGood", dateTime: "2026-07-01T11:58:00.000Z" })] });
    const result = normalize(messages[0]!);
    expect(result.issues.filter((issue) => issue.severity === "dropped").map((issue) => [issue.index, issue.reason])).toEqual([[0, reason]]);
    expect(result.positions.map((position) => position.index)).toEqual([1]);
    expect(messages[0]!.recordKeys.positions).toEqual(["bX", "bGood"]);
  });

  it("keeps a fix whose speed is out of range, with a warning", () => {
    const result = normalize(mapGeotabPage({ ...seedInput({ routes: [] }), logRecords: [record({ speed: -3 })] }).messages[0]!);
    expect(result.positions).toHaveLength(1);
    expect(result.issues).toEqual([expect.objectContaining({ severity: "warning", reason: "out_of_range" })]);
  });

  it("a record without an id has no de-duplication key (null), not an invented one", () => {
    expect(mapGeotabPage({ ...seedInput({ routes: [] }), logRecords: [record({ id: 7 })] }).messages[0]!.recordKeys.positions).toEqual([null]);
  });

  it("drops a plan route without a device as missing_field and one with a repeated sequence as duplicate_seq", () => {
    const plan = ZRoute.parse(seed.Route[0]);
    const noDevice = { ...plan, id: "r-no-device", device: null };
    const repeated = { ...plan, id: "r-repeat", routePlanItemCollection: [plan.routePlanItemCollection[0]!, { ...plan.routePlanItemCollection[1]!, sequence: plan.routePlanItemCollection[0]!.sequence }] };
    const result = normalize(mapGeotabPage(seedInput({ logRecords: [], routes: [noDevice, repeated, plan] })).messages[0]!);
    expect(result.issues.map((issue) => [issue.section, issue.index, issue.reason])).toEqual([["plans", 0, "missing_field"], ["plans", 1, "duplicate_seq"]]);
    expect(result.plans.map((one) => one.externalPlanId)).toEqual(["r1"]);
  });
});

describe("from the fake, through the client, to the front door", () => {
  const loopback = parseAllowedCidrs("127.0.0.0/8");
  if (!loopback.ok) throw new Error("bad test CIDR");
  const dispatcher: Agent = createGuardedAgent({ allowedCidrs: loopback.cidrs });
  afterAll(async () => {
    await dispatcher.close();
  });

  it("fetches a first page with its enrichment and lands it with zero drops", async () => {
    const fake = await startFakeGeotab({ rateLimits: [] });
    try {
      const settings = { server: fake.url, database: "acme", userName: "api@acme.example", unitIdFrom: "name" as const };
      const base = { settings, password: "fake-geotab-password", client: { dispatcher } };
      let session = createGeotabSession();
      const take = <T>(result: TGeotabResult<T>): T => {
        session = result.session;
        if (!result.ok) throw new Error(result.error.message);
        return result.value;
      };
      const devices = take(await fetchDevices({ ...base, session }));
      const statusInfos = take(await fetchDeviceStatusInfos({ ...base, session }));
      const users = take(await fetchUsers({ ...base, session }));
      const changes = take(await fetchDriverChangeFeed({ ...base, session, fromVersion: null, fromDate: new Date(Date.now() - 3_600_000) }));
      const ignition = take(await fetchIgnitionFeed({ ...base, session, fromVersion: null, fromDate: new Date(Date.now() - 3_600_000) }));
      const routes = take(await fetchPlanRoutes({ ...base, session }));
      const zones = take(await fetchZones({ ...base, session }));
      const page = take(await fetchLogRecordFeed({ ...base, session, fromVersion: null }));
      const { messages, cursor } = mapGeotabPage({
        logRecords: page.data,
        toVersion: page.toVersion,
        unitIdFrom: settings.unitIdFrom,
        devices: devices.entities,
        statusInfos: statusInfos.entities,
        users: users.entities,
        driverChanges: changes.entities,
        ignition: ignition.entities,
        routes: routes.entities,
        zones: zones.entities,
      });
      expect(cursor.toVersion).toBe(page.toVersion);
      const result = normalize(messages[0]!, Date.now());
      expect(result.issues).toEqual([]);
      expect(result.positions).toHaveLength(7);
      expect(result.positions.find((position) => position.externalUnitId === "Truck 101" && position.headingDeg === 45)).toMatchObject({ driverName: "Jan de Vries", ignitionOn: true });
      expect(result.plans.map((plan) => plan.legs.map((leg) => leg.placeName))).toEqual([["Depot Waalhaven", "Customer Utrecht", "Customer Amersfoort"]]);
    } finally {
      await fake.stop();
    }
  });
});
