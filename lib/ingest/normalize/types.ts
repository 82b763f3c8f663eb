// What normalisation produces: clean entries plus a receipt of everything
// that was dropped (or kept with an ignored field), each with a reason code a
// carrier can read.
export type TSection = "positions" | "plans" | "availability";
/** Where an issue is: an entry's section, or the envelope itself (its callback_url). */
export type TIssueSection = TSection | "envelope";

export const REASON_CODES = [
  "missing_field",
  "invalid_type",
  "invalid_value",
  "invalid_timestamp",
  "out_of_range",
  "too_long",
  "zero_coordinates",
  "future_timestamp",
  "stale",
  "duplicate_seq",
  "invalid_window",
  "stale_plan",
  "stale_offer",
  "too_many_entries",
  "unstorable_value",
  "invalid_callback_url",
  "ignored_field",
] as const;
export type TReason = (typeof REASON_CODES)[number];

export type TIssue = { severity: "dropped" | "warning"; section: TIssueSection; index: number | null; reason: TReason; detail: string };

export type TSectionCounts = { received: number; accepted: number; dropped: number; duplicate: number; stale: number };
export type TCounts = Record<TSection, TSectionCounts>;

export const emptyCounts = (): TCounts => ({
  positions: { received: 0, accepted: 0, dropped: 0, duplicate: 0, stale: 0 },
  plans: { received: 0, accepted: 0, dropped: 0, duplicate: 0, stale: 0 },
  availability: { received: 0, accepted: 0, dropped: 0, duplicate: 0, stale: 0 },
});

export type TPosition = {
  /** The entry's index in the envelope's positions array. */
  index: number;
  externalUnitId: string;
  at: Date;
  lat: number;
  lng: number;
  speedKmh: number | null;
  headingDeg: number | null;
  isMoving: boolean | null;
  ignitionOn: boolean | null;
  driverName: string | null;
};

export type TLeg = {
  seq: number;
  kind: "pickup" | "delivery" | "reposition" | "rest";
  lat: number | null;
  lng: number | null;
  postalCode: string | null;
  country: string | null;
  placeName: string | null;
  windowStart: Date | null;
  windowEnd: Date | null;
  loadState: "loaded" | "empty" | null;
  goodsDescription: string | null;
  weightKg: number | null;
};

export type TPlan = {
  index: number;
  externalUnitId: string;
  externalPlanId: string;
  status: "planned" | "in_progress" | "completed" | "cancelled";
  sourceFetchedAt: Date | null;
  legs: TLeg[];
};

export type TOffer = {
  /** The entry's index in the envelope's availability array (the last one, for an id repeated within the message). */
  index: number;
  sourceKey: string;
  externalOfferId: string | null;
  externalUnitId: string | null;
  availableFrom: Date;
  availableTo: Date | null;
  originLat: number | null;
  originLng: number | null;
  originPostalCode: string | null;
  originCountry: string | null;
  originRadiusKm: number | null;
  destRegion: string | null;
  destCountry: string | null;
  destLat: number | null;
  destLng: number | null;
  bodyType: string | null;
  capacityKg: number | null;
};

/** Thrown inside an entry's checks to drop it with a reason. */
export class EntryRejected extends Error {
  constructor(readonly reason: TReason, detail: string) {
    super(detail);
  }
}
