import { db } from "@/lib/db/client";
import type { PlanStatus } from "@/lib/db/generated/enums";
import { toPlanView } from "./to-plan-view";
import type { TPlanView } from "./types";

/** The company's plans, optionally of one unit and/or statuses, newest first, legs in seq order. */
export const listPlans = async ({ companyId, unitId, statuses, take = 500 }: { companyId: string; unitId?: string; statuses?: PlanStatus[]; take?: number }): Promise<TPlanView[]> => {
  const plans = await db.plan.findMany({
    where: { companyId, ...(unitId ? { unitId } : {}), ...(statuses?.length ? { status: { in: statuses } } : {}) },
    include: { legs: { orderBy: { seq: "asc" } } },
    orderBy: { updatedAt: "desc" },
    take,
  });
  const units = await db.unit.findMany({ where: { companyId, id: { in: [...new Set(plans.map((p) => p.unitId))] } }, select: { id: true, externalUnitId: true } });
  const names = new Map(units.map((u) => [u.id, u.externalUnitId]));
  return plans.map((p) => toPlanView(p, names.get(p.unitId) ?? ""));
};
