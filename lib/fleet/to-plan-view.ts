import type { Plan, PlanLeg } from "@/lib/db/generated/client";
import type { TPlanView } from "./types";

/** Shapes a plan with its legs (already in seq order) for the API. */
export const toPlanView = (plan: Plan & { legs: PlanLeg[] }, externalUnitId: string): TPlanView => ({
  id: plan.id,
  externalPlanId: plan.externalPlanId,
  externalUnitId,
  unitId: plan.unitId,
  status: plan.status,
  sourceFetchedAt: plan.sourceFetchedAt?.toISOString() ?? null,
  updatedAt: plan.updatedAt.toISOString(),
  legs: plan.legs.map((l) => ({
    seq: l.seq,
    kind: l.kind,
    lat: l.lat,
    lng: l.lng,
    placeName: l.placeName,
    postalCode: l.postalCode,
    country: l.country,
    windowStart: l.windowStart?.toISOString() ?? null,
    windowEnd: l.windowEnd?.toISOString() ?? null,
    loadState: l.loadState,
    goodsDescription: l.goodsDescription,
    weightKg: l.weightKg,
  })),
});
