import { describe, expect, it } from "vitest";
import { EXAMPLE_ENVELOPE } from "@/lib/integrations/example-envelope";
import { normalizeEnvelope } from "./normalize-envelope";

const now = new Date("2026-07-01T12:00:00Z");
const limits: { now: Date; maxFutureMs: number; maxAgeMs: number | null } = { now, maxFutureMs: 5 * 60_000, maxAgeMs: null };
const run = (envelope: unknown, overrides: Partial<typeof limits> = {}) => normalizeEnvelope({ envelope, messageId: "msg-1", limits: { ...limits, ...overrides } });
const pos = (extra: Record<string, unknown> = {}) => ({ externalUnitId: "TRK-1", at: "2026-07-01T10:00:00Z", lat: 48.13, lng: 11.57, ...extra });
const dropReason = (positions: unknown[]) => run({ positions }).issues.filter((i) => i.severity === "dropped").map((i) => i.reason);

describe("the specification's example", () => {
  it("is accepted whole", () => {
    const result = run(EXAMPLE_ENVELOPE);
    expect(result.issues).toEqual([]);
    expect(result.positions).toMatchObject([{ externalUnitId: "TRK-1", lat: 48.13, lng: 11.57, speedKmh: 80, headingDeg: 270, isMoving: true, ignitionOn: true, driverName: "M. Muster" }]);
    expect(result.plans).toMatchObject([{ externalPlanId: "TOUR-42", status: "planned", legs: [{ seq: 0, kind: "pickup", postalCode: "80331", placeName: "Muenchen", loadState: "empty", weightKg: 12000 }] }]);
    expect(result.offers).toMatchObject([{ sourceKey: "OFFER-7", externalUnitId: "TRK-2", originRadiusKm: 50, destRegion: "Ruhr", capacityKg: 24000 }]);
    expect(result.counts.positions).toEqual({ received: 1, accepted: 0, dropped: 0, duplicate: 0, stale: 0 });
  });
});

describe("envelope shape", () => {
  it("ignores unknown keys and accepts any subset", () => {
    expect(run({ positions: [pos()], extra: { anything: 1 } }).positions).toHaveLength(1);
    expect(run({}).issues).toEqual([]);
  });

  it("drops a section that is not an array and keeps the others", () => {
    const result = run({ positions: { not: "an array" }, plans: [{ externalUnitId: "T", externalPlanId: "P" }] });
    expect(result.issues).toEqual([{ severity: "dropped", section: "positions", index: null, reason: "invalid_type", detail: expect.stringContaining("must be an array") }]);
    expect(result.plans).toHaveLength(1);
    expect(result.counts.positions.dropped).toBe(1);
  });
});

describe("positions", () => {
  it.each([
    [{ externalUnitId: undefined }, "missing_field"],
    [{ externalUnitId: "" }, "missing_field"],
    [{ externalUnitId: 42 }, "invalid_type"],
    [{ externalUnitId: "x".repeat(129) }, "too_long"],
    [{ at: undefined }, "missing_field"],
    [{ at: "2026-07-01T10:00:00" }, "invalid_timestamp"],
    [{ at: "yesterday" }, "invalid_timestamp"],
    [{ at: 1751364000 }, "invalid_type"],
    [{ lat: undefined }, "missing_field"],
    [{ lat: "48.1" }, "invalid_type"],
    [{ lat: Number.NaN }, "invalid_type"],
    [{ lat: 90.5 }, "out_of_range"],
    [{ lng: -180.1 }, "out_of_range"],
    [{ lat: 0, lng: 0 }, "zero_coordinates"],
    [{ at: "2026-07-01T12:05:01Z" }, "future_timestamp"],
  ])("drops %o as %s", (extra, reason) => {
    expect(dropReason([pos(extra)])).toEqual([reason]);
  });

  it("accepts a fix up to 5 minutes ahead and any offset notation", () => {
    expect(run({ positions: [pos({ at: "2026-07-01T12:05:00Z" }), pos({ at: "2026-07-01T12:00:00+02:00" })] }).positions).toHaveLength(2);
  });

  it("rejects old fixes as stale only when the connection sets a maximum age", () => {
    const old = [pos({ at: "2026-06-01T00:00:00Z" })];
    expect(run({ positions: old }).positions).toHaveLength(1);
    const result = run({ positions: old }, { maxAgeMs: 24 * 3_600_000 });
    expect(result.issues.map((i) => i.reason)).toEqual(["stale"]);
    expect(result.counts.positions).toMatchObject({ stale: 1, dropped: 0 });
  });

  it("ignores a bad optional field with a warning and keeps the fix", () => {
    const result = run({ positions: [pos({ speedKmh: 400, headingDeg: "west", isMoving: "yes", driverName: 7 })] });
    expect(result.positions).toMatchObject([{ speedKmh: null, headingDeg: null, isMoving: null, driverName: null }]);
    expect(result.issues.map((i) => [i.severity, i.reason])).toEqual([
      ["warning", "out_of_range"],
      ["warning", "invalid_type"],
      ["warning", "invalid_type"],
      ["warning", "invalid_type"],
    ]);
  });

  it("keeps good entries next to bad ones and counts a repeated fix once", () => {
    const result = run({ positions: [pos(), "nonsense", pos({ lat: 200 }), pos(), pos({ at: "2026-07-01T10:01:00Z" })] });
    expect(result.positions).toHaveLength(2);
    expect(result.counts.positions).toEqual({ received: 5, accepted: 0, dropped: 2, duplicate: 1, stale: 0 });
    expect(result.issues.map((i) => [i.index, i.reason])).toEqual([[1, "invalid_type"], [2, "out_of_range"]]);
  });
});

describe("plans", () => {
  const plan = (extra: Record<string, unknown> = {}) => ({ externalUnitId: "TRK-1", externalPlanId: "TOUR-1", ...extra });
  const leg = (extra: Record<string, unknown> = {}) => ({ seq: 0, kind: "pickup", ...extra });
  const planReasons = (plans: unknown[]) => run({ plans }).issues.map((i) => [i.reason, i.detail]);

  it("defaults the status to planned and orders legs by seq", () => {
    const result = run({ plans: [plan({ legs: [leg({ seq: 2, kind: "delivery" }), leg({ seq: 0 }), leg({ seq: 1, kind: "rest" })] })] });
    expect(result.plans[0]).toMatchObject({ status: "planned", legs: [{ seq: 0 }, { seq: 1 }, { seq: 2 }] });
  });

  it.each([
    [plan({ externalPlanId: undefined }), "missing_field"],
    [plan({ externalUnitId: undefined }), "missing_field"],
    [plan({ status: "lost" }), "invalid_value"],
    [plan({ legs: "none" }), "invalid_type"],
    [plan({ legs: [leg({ seq: -1 })] }), "out_of_range"],
    [plan({ legs: [leg({ seq: 1.5 })] }), "invalid_type"],
    [plan({ legs: [leg({ seq: undefined })] }), "missing_field"],
    [plan({ legs: [leg(), leg()] }), "duplicate_seq"],
    [plan({ legs: [leg({ kind: "teleport" })] }), "invalid_value"],
    [plan({ legs: [leg({ place: { lat: 100, lng: 1 } })] }), "out_of_range"],
    [plan({ legs: [leg({ place: { lat: 10 } })] }), "missing_field"],
    [plan({ legs: [leg({ windowStart: "2026-07-02T12:00:00Z", windowEnd: "2026-07-02T08:00:00Z" })] }), "invalid_window"],
    [plan({ legs: [leg({ loadState: "half" })] }), "invalid_value"],
    [plan({ legs: [leg({ weightKg: -1 })] }), "out_of_range"],
  ])("drops the whole plan %o as %s", (entry, reason) => {
    const reasons = planReasons([entry]);
    expect(reasons.map((r) => r[0])).toEqual([reason]);
  });

  it("names the leg that dropped the plan", () => {
    expect(planReasons([plan({ legs: [leg(), leg({ seq: 1, weightKg: -5 })] })])[0]?.[1]).toBe("legs[1].weightKg must be between 0 and 9007199254740991");
  });

  it("keeps the last of a plan id repeated in one message", () => {
    const result = run({ plans: [plan({ status: "planned" }), plan({ status: "in_progress" })] });
    expect(result.plans).toMatchObject([{ status: "in_progress" }]);
    expect(result.counts.plans.duplicate).toBe(1);
  });
});

describe("availability", () => {
  const offer = (extra: Record<string, unknown> = {}) => ({ availableFrom: "2026-07-03T00:00:00Z", ...extra });
  const reasons = (availability: unknown[]) => run({ availability }).issues.map((i) => i.reason);

  it.each([
    [offer({ availableFrom: undefined }), "missing_field"],
    [offer({ availableTo: "2026-07-02T00:00:00Z" }), "invalid_window"],
    [offer({ origin: { lat: 95, lng: 1 } }), "out_of_range"],
    [offer({ origin: { radiusKm: -1 } }), "out_of_range"],
    [offer({ capacityKg: -10 }), "out_of_range"],
    [offer({ capacityKg: "lots" }), "invalid_type"],
    [offer({ preferredDestination: "Ruhr" }), "invalid_type"],
  ])("drops %o as %s", (entry, reason) => {
    expect(reasons([entry])).toEqual([reason]);
  });

  it("keys offers without an id by message and index", () => {
    const result = run({ availability: [offer(), offer({ externalOfferId: "O-1" })] });
    expect(result.offers.map((o) => o.sourceKey)).toEqual(["msg-1#0", "O-1"]);
  });
});
