// Plans: an invalid leg drops its whole plan, with the leg's reason.
import { coordinates, integerIn, isRecord, numberIn, oneOf, optionalObject, optionalText, optionalTimestamp, requiredId } from "./fields";
import { EntryRejected, type TIssue, type TLeg, type TPlan, type TSectionCounts } from "./types";

const PLAN_STATUSES = ["planned", "in_progress", "completed", "cancelled"] as const;
const LEG_KINDS = ["pickup", "delivery", "reposition", "rest"] as const;
const LOAD_STATES = ["loaded", "empty"] as const;
export const MAX_LEGS = 200;

const readLeg = (leg: unknown, i: number): TLeg => {
  const path = `legs[${i}].`;
  if (!isRecord(leg)) throw new EntryRejected("invalid_type", `legs[${i}] must be an object`);
  const seqValue = integerIn(leg, "seq", { min: 0, path: `${path}seq` });
  if (leg.kind === undefined || leg.kind === null) throw new EntryRejected("missing_field", `${path}kind is required`);
  const kind = oneOf(leg, "kind", LEG_KINDS, null, `${path}kind`)!;
  const place = optionalObject(leg, "place", `${path}place`);
  const { lat, lng } = place ? coordinates(place, `${path}place.`, false) : { lat: null, lng: null };
  const windowStart = optionalTimestamp(leg, "windowStart", `${path}windowStart`);
  const windowEnd = optionalTimestamp(leg, "windowEnd", `${path}windowEnd`);
  if (windowStart && windowEnd && windowStart > windowEnd) throw new EntryRejected("invalid_window", `${path}windowStart is after ${path}windowEnd`);
  return {
    seq: seqValue,
    kind,
    lat,
    lng,
    postalCode: place ? optionalText(place, "postalCode", `${path}place.postalCode`) : null,
    country: place ? optionalText(place, "country", `${path}place.country`) : null,
    placeName: place ? optionalText(place, "name", `${path}place.name`) : null,
    windowStart,
    windowEnd,
    loadState: oneOf(leg, "loadState", LOAD_STATES, null, `${path}loadState`),
    goodsDescription: optionalText(leg, "goodsDescription", `${path}goodsDescription`),
    weightKg: numberIn(leg, "weightKg", { min: 0, max: Number.MAX_SAFE_INTEGER, path: `${path}weightKg` }),
  };
};

const readPlan = (entry: unknown, index: number): TPlan => {
  if (!isRecord(entry)) throw new EntryRejected("invalid_type", "entry must be an object");
  const externalUnitId = requiredId(entry, "externalUnitId");
  const externalPlanId = requiredId(entry, "externalPlanId");
  const status = oneOf(entry, "status", PLAN_STATUSES, "planned")!;
  const sourceFetchedAt = optionalTimestamp(entry, "sourceFetchedAt");
  const rawLegs = entry.legs ?? [];
  if (!Array.isArray(rawLegs)) throw new EntryRejected("invalid_type", "legs must be an array");
  if (rawLegs.length > MAX_LEGS) throw new EntryRejected("too_many_entries", `legs may have at most ${MAX_LEGS} entries`);
  const legs = rawLegs.map(readLeg);
  const seqs = new Set<number>();
  for (const leg of legs) {
    if (seqs.has(leg.seq)) throw new EntryRejected("duplicate_seq", `legs: seq ${leg.seq} appears more than once`);
    seqs.add(leg.seq);
  }
  legs.sort((a, b) => a.seq - b.seq);
  return { index, externalUnitId, externalPlanId, status, sourceFetchedAt, legs };
};

/** Validates the plans section. A plan id repeated within the message: the last one counts. */
export const normalizePlans = (raw: unknown[]): { plans: TPlan[]; issues: TIssue[]; counts: TSectionCounts } => {
  const byId = new Map<string, TPlan>();
  const issues: TIssue[] = [];
  const counts: TSectionCounts = { received: raw.length, accepted: 0, dropped: 0, duplicate: 0, stale: 0 };
  raw.forEach((entry, index) => {
    try {
      const plan = readPlan(entry, index);
      if (byId.has(plan.externalPlanId)) counts.duplicate += 1;
      byId.set(plan.externalPlanId, plan);
    } catch (error) {
      if (!(error instanceof EntryRejected)) throw error;
      issues.push({ severity: "dropped", section: "plans", index, reason: error.reason, detail: error.message });
      counts.dropped += 1;
    }
  });
  return { plans: [...byId.values()], issues, counts };
};
