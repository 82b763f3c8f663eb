// Plans upsert by (company, externalPlanId) with their legs replaced as a
// whole. A plan read from the source earlier than the stored one is stale.
import { db } from "@/lib/db/client";
import type { TIssue, TPlan } from "@/lib/ingest/normalize/types";

export type TPlanResult = { accepted: number; stale: number; issues: TIssue[] };

const upsertOne = async ({ companyId, messageId, receivedAt, plan }: { companyId: string; messageId: string; receivedAt: Date; plan: TPlan }): Promise<boolean> =>
  db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO plans (id, company_id, external_plan_id, unit_id, status, source_fetched_at, message_id, updated_at)
      SELECT gen_random_uuid()::text, ${companyId}, ${plan.externalPlanId}, u.id, ${plan.status}::"PlanStatus", ${plan.sourceFetchedAt}, ${messageId}, ${receivedAt}
      FROM units u WHERE u.company_id = ${companyId} AND u.external_unit_id = ${plan.externalUnitId}
      ON CONFLICT (company_id, external_plan_id) DO UPDATE SET
        unit_id = EXCLUDED.unit_id, status = EXCLUDED.status, source_fetched_at = EXCLUDED.source_fetched_at,
        message_id = EXCLUDED.message_id, updated_at = EXCLUDED.updated_at
      WHERE plans.source_fetched_at IS NULL OR EXCLUDED.source_fetched_at IS NULL OR EXCLUDED.source_fetched_at >= plans.source_fetched_at
      RETURNING id`;
    const planId = rows[0]?.id;
    if (!planId) return false;
    await tx.planLeg.deleteMany({ where: { planId } });
    if (plan.legs.length > 0) {
      await tx.planLeg.createMany({
        // Deterministic ids: processing the message again leaves identical rows.
        data: plan.legs.map((leg) => ({ id: `${planId}:${leg.seq}`, planId, ...leg })),
      });
    }
    return true;
  });

/** Upserts each plan; stale ones are reported as dropped with `stale_plan`. */
export const upsertPlans = async ({ companyId, messageId, receivedAt, plans }: { companyId: string; messageId: string; receivedAt: Date; plans: TPlan[] }): Promise<TPlanResult> => {
  const result: TPlanResult = { accepted: 0, stale: 0, issues: [] };
  for (const plan of plans) {
    if (await upsertOne({ companyId, messageId, receivedAt, plan })) {
      result.accepted += 1;
      continue;
    }
    result.stale += 1;
    result.issues.push({ severity: "dropped", section: "plans", index: plan.index, reason: "stale_plan", detail: `sourceFetchedAt is older than the stored plan ${plan.externalPlanId}` });
  }
  return result;
};
