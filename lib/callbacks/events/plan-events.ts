// Which plan events a write caused, from the plan as stored before and as
// written: created, status_changed, unit_changed, updated (legs, windows,
// goods). An unchanged plan (a message processed again, a repeated push)
// causes none.
import type { TLeg, TPlan } from "@/lib/ingest/normalize/types";
import { changedFields } from "./changed-fields";
import type { TNewEvent } from "./emit-events";

export type TStoredPlan = { externalPlanId: string; externalUnitId: string; status: string; legs: TLegView[] };
export type TEventOrigin = { companyId: string; connectionId: string; messageId: string; callbackUrl: string | null };

const LEG_FIELDS = ["kind", "lat", "lng", "postalCode", "country", "placeName", "windowStart", "windowEnd", "loadState", "goodsDescription", "weightKg"] as const;
type TLegView = { seq: number } & Record<(typeof LEG_FIELDS)[number], unknown>;

const iso = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string | Date).toISOString());

/** A leg as callbacks show it (and as stored legs are compared). */
export const toLegView = (leg: TLeg | Record<string, unknown>): TLegView => {
  const l = leg as Record<string, unknown>;
  return {
    seq: Number(l.seq),
    kind: l.kind ?? null, lat: l.lat ?? null, lng: l.lng ?? null, postalCode: l.postalCode ?? null, country: l.country ?? null, placeName: l.placeName ?? null,
    windowStart: iso(l.windowStart), windowEnd: iso(l.windowEnd), loadState: l.loadState ?? null, goodsDescription: l.goodsDescription ?? null, weightKg: l.weightKg ?? null,
  };
};

/** The plan as stored, for a callback's data. */
export const toPlanView = (plan: TPlan, messageId: string) => ({
  externalPlanId: plan.externalPlanId,
  externalUnitId: plan.externalUnitId,
  status: plan.status,
  sourceFetchedAt: iso(plan.sourceFetchedAt),
  legs: plan.legs.map(toLegView),
  legCount: plan.legs.length,
  messageId,
});

/** The names of the leg fields that changed ("legs" when legs were added or removed). */
const changedLegFields = (before: TLegView[], after: TLegView[]): string[] => {
  if (before.length !== after.length || before.some((leg, i) => leg.seq !== after[i]!.seq)) return ["legs"];
  const names = new Set<string>();
  before.forEach((leg, i) => changedFields(leg, after[i]!, [...LEG_FIELDS]).forEach((f) => names.add(`legs.${f}`)));
  return [...names].sort();
};

/** The events of one written plan. */
export const planEventsOf = ({ before, after, origin, now }: { before: TStoredPlan | undefined; after: TPlan; origin: TEventOrigin; now: Date }): TNewEvent[] => {
  const plan = toPlanView(after, origin.messageId);
  const base = { companyId: origin.companyId, connectionId: origin.connectionId, objectId: after.externalPlanId, occurredAt: now, messageId: origin.messageId, callbackUrl: origin.callbackUrl };
  if (!before) return [{ ...base, eventName: "plans.plan.created", data: { plan }, dedupeKey: `plans.plan.created:${origin.companyId}:${after.externalPlanId}` }];
  const events: TNewEvent[] = [];
  if (before.status !== after.status) events.push({ ...base, eventName: "plans.plan.status_changed", data: { from: before.status, to: after.status, plan } });
  if (before.externalUnitId !== after.externalUnitId) events.push({ ...base, eventName: "plans.plan.unit_changed", data: { from: before.externalUnitId, to: after.externalUnitId, plan } });
  const legs = changedLegFields([...before.legs].sort((a, b) => a.seq - b.seq), plan.legs);
  if (legs.length > 0) events.push({ ...base, eventName: "plans.plan.updated", data: { plan, changedFields: legs } });
  return events;
};
