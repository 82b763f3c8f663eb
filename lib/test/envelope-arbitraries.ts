// fast-check arbitraries for inbound envelopes: valid, near-valid and hostile.
// Every field is mostly a plausible value and sometimes anything JSON can
// carry: huge and tiny numbers, odd strings (NUL, lone surrogates, long),
// impossible dates, deep nesting, wrong types.
import fc from "fast-check";

const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "\ud800", "\udfff", "x".repeat(129), "y".repeat(501), "__proto__", "constructor", "1e999", "💥🚚"),
);
const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 5e-324, 360.0001, 300.5, 90.0000001),
);
const deep = fc.integer({ min: 50, max: 2_000 }).map((depth) => JSON.parse("[".repeat(depth) + "]".repeat(depth)) as unknown);
const hostile = fc.oneof(hostileString, hostileNumber, fc.jsonValue({ maxDepth: 3 }), deep, fc.constant(null), fc.boolean());

/** Mostly `plausible`, sometimes anything. */
const field = <T>(plausible: fc.Arbitrary<T>) => fc.oneof({ weight: 9, arbitrary: plausible }, { weight: 1, arbitrary: hostile });

const isoAt = fc.oneof(
  { weight: 4, arbitrary: fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("2026-02-30T10:00:00Z", "2026-07-01T24:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
      "2026-07-01T10:00:00", "2026-07-01T10:00:00+14:00", "2026-13-01T00:00:00Z", "2026-07-01T10:00:00.123456789Z", "yesterday"),
  },
);
const unitId = fc.oneof({ weight: 6, arbitrary: fc.constantFrom("TRK-1", "TRK-2", "TRK-3", "TRK-Ü") }, { weight: 1, arbitrary: hostileString });

const position = fc.record(
  {
    externalUnitId: field(unitId),
    at: field(isoAt),
    lat: field(fc.double({ min: -90, max: 90, noNaN: true })),
    lng: field(fc.double({ min: -180, max: 180, noNaN: true })),
    speedKmh: field(fc.double({ min: 0, max: 300, noNaN: true })),
    headingDeg: field(fc.double({ min: 0, max: 360, noNaN: true })),
    isMoving: field(fc.boolean()),
    ignitionOn: field(fc.boolean()),
    driverName: field(fc.string({ maxLength: 40 })),
  },
  { requiredKeys: [] },
);

const leg = fc.record(
  {
    seq: field(fc.integer({ min: 0, max: 20 })),
    kind: field(fc.constantFrom("pickup", "delivery", "reposition", "rest")),
    place: field(fc.record({ lat: field(fc.double({ min: -90, max: 90, noNaN: true })), lng: field(fc.double({ min: -180, max: 180, noNaN: true })), name: field(fc.string({ maxLength: 30 })), postalCode: field(fc.string({ maxLength: 10 })) }, { requiredKeys: [] })),
    windowStart: field(isoAt),
    windowEnd: field(isoAt),
    loadState: field(fc.constantFrom("loaded", "empty")),
    goodsDescription: field(fc.string({ maxLength: 40 })),
    weightKg: field(fc.double({ min: 0, max: 40_000, noNaN: true })),
  },
  { requiredKeys: [] },
);

const plan = fc.record(
  {
    externalUnitId: field(unitId),
    externalPlanId: field(fc.constantFrom("TOUR-1", "TOUR-2", "TOUR-3")),
    status: field(fc.constantFrom("planned", "in_progress", "completed", "cancelled")),
    sourceFetchedAt: field(isoAt),
    legs: field(fc.array(leg, { maxLength: 6 })),
  },
  { requiredKeys: [] },
);

const offer = fc.record(
  {
    externalOfferId: field(fc.constantFrom("OFFER-1", "OFFER-2")),
    externalUnitId: field(unitId),
    availableFrom: field(isoAt),
    availableTo: field(isoAt),
    origin: field(fc.record({ lat: field(fc.double({ min: -90, max: 90, noNaN: true })), lng: field(fc.double({ min: -180, max: 180, noNaN: true })), radiusKm: field(fc.double({ min: 0, max: 500, noNaN: true })), country: field(fc.constantFrom("DE", "PL")) }, { requiredKeys: [] })),
    bodyType: field(fc.string({ maxLength: 20 })),
    capacityKg: field(fc.double({ min: 0, max: 40_000, noNaN: true })),
  },
  { requiredKeys: [] },
);

// Entries that should all be stored, so the write paths (history, latest position, plan legs, offers) get real work.
const pastAt = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2026-06-30T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString());
const cleanUnit = fc.constantFrom("TRK-1", "TRK-2", "TRK-3", "TRK-Ü");
const cleanPosition = fc.record({
  externalUnitId: cleanUnit,
  at: pastAt,
  lat: fc.double({ min: 1, max: 80, noNaN: true }),
  lng: fc.double({ min: 1, max: 170, noNaN: true }),
  speedKmh: fc.double({ min: 0, max: 300, noNaN: true }),
  headingDeg: fc.double({ min: 0, max: 360, noNaN: true }),
  isMoving: fc.boolean(),
  driverName: fc.string({ maxLength: 40 }),
});
const cleanPlan = fc.record({
  externalUnitId: cleanUnit,
  externalPlanId: fc.constantFrom("TOUR-1", "TOUR-2", "TOUR-3"),
  status: fc.constantFrom("planned", "in_progress", "completed", "cancelled"),
  sourceFetchedAt: fc.option(pastAt, { nil: undefined }),
  legs: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 5 }).map((seqs) => seqs.map((seq) => ({ seq, kind: seq % 2 ? "delivery" : "pickup", place: { lat: 50, lng: 8, name: `Stop ${seq}` } }))),
}, { requiredKeys: ["externalUnitId", "externalPlanId", "legs"] });
const cleanOffer = fc.record({ externalOfferId: fc.option(fc.constantFrom("OFFER-1", "OFFER-2"), { nil: undefined }), availableFrom: pastAt, capacityKg: fc.double({ min: 0, max: 40_000, noNaN: true }) }, { requiredKeys: ["availableFrom"] });

/** A section: usually an array of entries (sometimes hundreds), sometimes not an array at all. */
const section = <T>(entry: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 12, arbitrary: fc.array(entry, { maxLength: 12 }) }, { weight: 1, arbitrary: fc.array(entry, { minLength: 200, maxLength: 300 }) }, { weight: 1, arbitrary: hostile });

export const envelopeArbitrary = fc.record(
  {
    positions: section(fc.oneof(position, cleanPosition)),
    plans: section(fc.oneof(plan, cleanPlan)),
    availability: section(fc.oneof(offer, cleanOffer)),
    extra: hostile,
  },
  { requiredKeys: [] },
);

/**
 * The request body as JSON text: the envelope, sometimes with a duplicated key in front (JSON.parse keeps the last
 * one, as the front door and processing both do).
 */
const envelopeBody = fc
  .tuple(envelopeArbitrary, fc.option(fc.constantFrom("positions", "plans", "availability"), { nil: undefined }), hostile)
  .map(([envelope, duplicate, shadowed]) => {
    const text = JSON.stringify(envelope);
    return duplicate && text.length > 2 ? `{${JSON.stringify(duplicate)}:${JSON.stringify(shadowed)},${text.slice(1)}` : text;
  });

/** Mostly an envelope; sometimes a body that is not a JSON object at all (an array, a number, broken JSON). */
export const bodyArbitrary = fc.oneof(
  { weight: 15, arbitrary: envelopeBody },
  { weight: 1, arbitrary: fc.oneof(hostile.map((v) => JSON.stringify(v) ?? "null"), fc.constantFrom("{", "{\"positions\": [}", "", "\u0000", "[]")) },
);
