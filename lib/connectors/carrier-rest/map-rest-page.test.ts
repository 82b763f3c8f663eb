// The mapping of pages to the canonical envelope, proven against the front door's own normaliser.
import { afterEach, describe, expect, it } from "vitest";
import { normalizeEnvelope } from "@/lib/ingest/normalize/normalize-envelope";
import { EXAMPLE_ENVELOPE } from "@/lib/integrations/example-envelope";
import { createGuardedAgent } from "@/lib/net/create-guarded-agent";
import { parseAllowedCidrs } from "@/lib/net/parse-allowed-cidrs";
import { generateLocations } from "@/lib/test/fakes/carrier-rest/generate-locations";
import { startFakeCarrierRest, type TFakeCarrierRest } from "@/lib/test/fakes/carrier-rest/start-fake-carrier-rest";
import { fetchRestPage } from "./fetch-rest-page";
import { MAPPING_LIMITS, mapRestPage, type TMapRestPageResult } from "./map-rest-page";
import { CARRIER_REST_PRESETS } from "./presets";
import { EMPTY_CARRIER_REST_CURSOR, ZCarrierRestSettings } from "./settings";

const preset = (id: string) => CARRIER_REST_PRESETS.find((p) => p.id === id)!.settings;
const limits = { now: new Date(), maxFutureMs: 300_000, maxAgeMs: null };
const mapped = (result: TMapRestPageResult) => {
  if (!result.ok) throw new Error(result.error.message);
  return result;
};
const failed = (result: TMapRestPageResult) => {
  if (result.ok) throw new Error("expected the mapping to fail");
  return result.error;
};

let fake: TFakeCarrierRest | null = null;
afterEach(async () => {
  await fake?.stop();
  fake = null;
});

describe("the Samsara-style preset", () => {
  it("maps a fetched feed page (mph) to positions in km/h that the front door accepts with zero drops", async () => {
    const locations = generateLocations({ vehicles: 4, perVehicle: 3 });
    fake = await startFakeCarrierRest({ auth: { type: "bearer", token: "t" }, locations });
    const settings = ZCarrierRestSettings.parse({ baseUrl: fake.url, ...preset("samsara-feed") });
    const allowed = parseAllowedCidrs("127.0.0.0/8");
    if (!allowed.ok) throw new Error("bad CIDR");
    const agent = createGuardedAgent({ allowedCidrs: allowed.cidrs });
    // The first page is the latest fix per vehicle; the next (from its cursor) is everything appended since: here, nothing, so append.
    const first = await fetchRestPage({ settings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets: { token: "t" }, dispatcher: agent });
    if (!first.ok) throw new Error(first.error.message);
    const more = generateLocations({ vehicles: 4, perVehicle: 3, from: new Date(Date.now() - 60_000), intervalSeconds: 10 });
    fake.state.locations.push(...more);
    const page = await fetchRestPage({ settings, cursor: first.page.cursor, secrets: { token: "t" }, dispatcher: agent });
    await agent.close();
    if (!page.ok) throw new Error(page.error.message);

    const { envelope, keys } = mapped(await mapRestPage({ expression: settings.mapping, body: page.page.body, bodyBytes: page.page.rawText.length, units: settings.units }));
    expect(envelope.positions).toHaveLength(more.length);
    const normalized = normalizeEnvelope({ envelope, messageId: "m1", limits });
    expect(normalized.issues).toEqual([]);
    expect(normalized.counts.positions).toMatchObject({ received: more.length, dropped: 0, duplicate: 0, stale: 0 });
    expect(normalized.positions).toHaveLength(more.length);
    for (const fix of more) {
      const got = normalized.positions.find((p) => p.externalUnitId === fix.vehicleId && p.at.toISOString() === fix.time)!;
      expect(got.speedKmh).toBeCloseTo(fix.speedKmh, 6);
      expect([got.lat, got.lng, got.headingDeg, got.isMoving]).toEqual([fix.latitude, fix.longitude, fix.headingDeg, fix.speedKmh > 0]);
    }
    expect(keys.positions).toHaveLength(more.length);
    expect(keys.positions).toContain(`${more[0]!.vehicleId}\u0000${more[0]!.time}`);
  });

  it("one vehicle with one fix is still a list of one position (JSONata's singleton collapse)", async () => {
    const body = { data: [{ id: "7", name: "Truck 7", locations: [{ latitude: 48.1, longitude: 11.5, time: "2026-07-01T10:00:00Z", heading: 90, speed: 10 }] }], pagination: { endCursor: "x", hasNextPage: false } };
    const { envelope } = mapped(await mapRestPage({ expression: preset("samsara-feed").mapping, body, units: { speed: "mph", coords: "deg" } }));
    expect(envelope.positions).toEqual([{ externalUnitId: "7", at: "2026-07-01T10:00:00Z", lat: 48.1, lng: 11.5, speedKmh: 16.09344, headingDeg: 90, isMoving: true }]);
  });

  it("an empty page maps to an empty envelope", async () => {
    const { envelope } = mapped(await mapRestPage({ expression: preset("samsara-feed").mapping, body: { data: [], pagination: { endCursor: "x", hasNextPage: true } }, units: { speed: "mph", coords: "deg" } }));
    expect(envelope).toEqual({ positions: [], plans: [], availability: [] });
  });

  it("bad vendor records reach the normaliser and are dropped with the front door's reason codes", async () => {
    const body = {
      data: [
        { id: "1", locations: [{ latitude: 0, longitude: 0, time: "2026-07-01T10:00:00Z", heading: 0, speed: 0 }, { longitude: 11, time: "2026-07-01T10:00:00Z", speed: 0 }, { latitude: 48, longitude: 11, time: "yesterday", speed: 1 }] },
        { id: "", locations: [{ latitude: 48, longitude: 11, time: "2026-07-01T10:00:00Z", speed: 1 }] },
      ],
    };
    const { envelope } = mapped(await mapRestPage({ expression: preset("samsara-feed").mapping, body, units: { speed: "mph", coords: "deg" } }));
    const normalized = normalizeEnvelope({ envelope, messageId: "m2", limits });
    expect(normalized.issues.filter((i) => i.severity === "dropped").map((i) => [i.index, i.reason])).toEqual([
      [0, "zero_coordinates"],
      [1, "missing_field"],
      [2, "invalid_timestamp"],
      [3, "missing_field"],
    ]);
  });
});

describe("the canonical-envelope preset", () => {
  it("passes the specification's example envelope through unchanged, accepted in full", async () => {
    const { envelope, keys } = mapped(await mapRestPage({ expression: preset("canonical-envelope").mapping, body: { ...EXAMPLE_ENVELOPE, extra: 1 }, units: { speed: "kmh", coords: "deg" } }));
    expect(envelope).toEqual(JSON.parse(JSON.stringify({ positions: EXAMPLE_ENVELOPE.positions, plans: EXAMPLE_ENVELOPE.plans, availability: EXAMPLE_ENVELOPE.availability })));
    const normalized = normalizeEnvelope({ envelope, messageId: "m3", limits });
    expect(normalized.issues).toEqual([]);
    expect([normalized.positions.length, normalized.plans.length, normalized.offers.length]).toEqual([1, 1, 1]);
    expect(keys).toEqual({ positions: ["TRK-1\u00002026-07-01T10:00:00.000Z"], plans: ["TOUR-42"], availability: ["OFFER-7"] });
  });
});

describe("units and failures", () => {
  it("$toDegrees and $toKmh follow the connector's units", async () => {
    const { envelope } = mapped(await mapRestPage({ expression: `{"positions": [{"lat": $toDegrees(lat), "speedKmh": $toKmh(speed)}]}`, body: { lat: 48_123_456, speed: 10 }, units: { speed: "knots", coords: "microdeg" } }));
    expect(envelope.positions).toEqual([{ lat: 48.123456, speedKmh: 18.52 }]);
  });

  it("a syntax error names the position; a non-object result is refused", async () => {
    expect(failed(await mapRestPage({ expression: `{"positions": data.(}`, body: {}, units: { speed: "kmh", coords: "deg" } }))).toMatchObject({ kind: "mapping_failed", code: expect.any(String), position: expect.any(Number) });
    expect(failed(await mapRestPage({ expression: `[1, 2]`, body: {}, units: { speed: "kmh", coords: "deg" } })).message).toContain("not a list");
    expect(failed(await mapRestPage({ expression: `$error("custom")`, body: {}, units: { speed: "kmh", coords: "deg" } })).message).toContain("custom");
  });

  it("an expression that runs too long or recurses without end is stopped with a clear error", async () => {
    const slow = failed(await mapRestPage({ expression: `$count([1..1000000].($string($)))`, body: {}, units: { speed: "kmh", coords: "deg" }, limits: { ...MAPPING_LIMITS, timeoutMs: 50, sequenceLength: 10_000_000 } }));
    expect(slow).toMatchObject({ code: "D1012", message: "The mapping expression ran longer than 50 ms and was stopped." });
    const deep = failed(await mapRestPage({ expression: `( $f := function($n){ 1 + $f($n + 1) }; $f(0) )`, body: {}, units: { speed: "kmh", coords: "deg" }, limits: { ...MAPPING_LIMITS, timeoutMs: 10_000 } }));
    expect(deep.code).toBe("D1011");
    const long = failed(await mapRestPage({ expression: `[1..200000]`, body: {}, units: { speed: "kmh", coords: "deg" } }));
    expect(long.code).toBe("D2015");
  });

  it("refuses an input or an output beyond the bounds", async () => {
    const big = { data: "x".repeat(2_000) };
    expect(failed(await mapRestPage({ expression: "$", body: big, units: { speed: "kmh", coords: "deg" }, limits: { ...MAPPING_LIMITS, inputBytes: 1_000 } })).message).toContain("at most 1000");
    expect(failed(await mapRestPage({ expression: `{"positions": [1..50].($$.data)}`, body: big, units: { speed: "kmh", coords: "deg" }, limits: { ...MAPPING_LIMITS, outputBytes: 50_000 } })).message).toContain("larger than 50000 bytes");
  });
});
