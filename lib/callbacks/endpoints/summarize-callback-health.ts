import { db } from "@/lib/db/client";
import { FAILING_AFTER_CONSECUTIVE_FAILURES } from "./types";

export type TCallbackHealth = { disabled: number; failing: number };

/** Per connection of the company: how many live endpoints are disabled and how many are failing (for the integrations list). */
export const summarizeCallbackHealth = async ({ companyId, connectionIds }: { companyId: string; connectionIds: string[] }): Promise<Map<string, TCallbackHealth>> => {
  const out = new Map<string, TCallbackHealth>();
  if (connectionIds.length === 0) return out;
  const rows = await db.callbackEndpoint.findMany({
    where: {
      companyId, connectionId: { in: connectionIds }, deletedAt: null,
      OR: [{ status: "disabled" }, { status: "active", consecutiveFailures: { gte: FAILING_AFTER_CONSECUTIVE_FAILURES } }],
    },
    select: { connectionId: true, status: true },
  });
  for (const r of rows) {
    const health = out.get(r.connectionId) ?? { disabled: 0, failing: 0 };
    if (r.status === "disabled") health.disabled += 1;
    else health.failing += 1;
    out.set(r.connectionId, health);
  }
  return out;
};
