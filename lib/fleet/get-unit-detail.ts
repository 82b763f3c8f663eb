import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { listPlans } from "./list-plans";
import { listUnits } from "./list-units";
import type { TPlanView, TUnitView } from "./types";

export type TUnitDetail = TUnitView & { connectionName: string | null; currentPlan: TPlanView | null };

/** One unit with its connection and current plan (in progress, else the latest planned, else the latest). Another company's unit is `not_found`. */
export const getUnitDetail = async ({ companyId, unitId, now = new Date() }: { companyId: string; unitId: string; now?: Date }): Promise<TUnitDetail> => {
  const [unit] = await listUnits({ companyId, ids: [unitId], now });
  if (!unit) throw new AppError("not_found", "This unit does not exist.");
  const row = await db.unit.findUniqueOrThrow({ where: { id: unitId }, select: { latestMessageId: true } });
  const message = row.latestMessageId
    ? await db.inboundMessage.findUnique({ where: { id: row.latestMessageId }, select: { connection: { select: { name: true } } } })
    : null;
  const plans = await listPlans({ companyId, unitId, take: 20 });
  const currentPlan = plans.find((p) => p.status === "in_progress") ?? plans.find((p) => p.status === "planned") ?? plans[0] ?? null;
  return { ...unit, connectionName: message?.connection.name ?? null, currentPlan };
};
