// Plans upsert by (company, externalPlanId) with their legs replaced as a
// whole, set-based: one statement per message for all its plans and legs.
// Ordering: a plan replaces the stored one only if it is not older. Older means
// an earlier sourceFetchedAt when both have one; otherwise (undated, or a tie)
// an earlier landing time of its message (plans.updated_at holds the landing
// time, never the processing time, so a message retried hours later cannot
// roll state back). A stored sourceFetchedAt is never replaced by NULL.
import { db, type TTx } from "@/lib/db/client";
import type { TPlan } from "@/lib/ingest/normalize/types";
import { emitEvents } from "@/lib/callbacks/events/emit-events";
import { planEventsOf, toLegView, type TStoredPlan } from "@/lib/callbacks/events/plan-events";
import { upsertOrderedEntries, type TOrderedResult } from "./upsert-ordered-entries";

export type TPlanResult = TOrderedResult;

type TPlanWrite = { companyId: string; connectionId: string; messageId: string; receivedAt: Date; plans: TPlan[]; callbackUrl?: string | null; now?: Date };

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The stored versions of these plans, row-locked first so the comparison sees what this write replaces. */
const loadStoredPlans = async (tx: TTx, companyId: string, ids: string[]): Promise<Map<string, TStoredPlan>> => {
  await tx.$queryRaw`SELECT id FROM plans WHERE company_id = ${companyId} AND external_plan_id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
  const rows = await tx.$queryRaw<{ external_plan_id: string; external_unit_id: string; status: string; legs: Record<string, unknown>[] }[]>`
    SELECT p.external_plan_id, u.external_unit_id, p.status::text AS status,
           COALESCE(json_agg(json_build_object('seq', l.seq, 'kind', l.kind, 'lat', l.lat, 'lng', l.lng, 'postalCode', l.postal_code, 'country', l.country,
             'placeName', l.place_name, 'windowStart', l.window_start, 'windowEnd', l.window_end, 'loadState', l.load_state,
             'goodsDescription', l.goods_description, 'weightKg', l.weight_kg) ORDER BY l.seq) FILTER (WHERE l.id IS NOT NULL), '[]') AS legs
    FROM plans p JOIN units u ON u.id = p.unit_id LEFT JOIN plan_legs l ON l.plan_id = p.id
    WHERE p.company_id = ${companyId} AND p.external_plan_id = ANY(${ids}::text[])
    GROUP BY p.id, u.external_unit_id`;
  return new Map(rows.map((r) => [r.external_plan_id, { externalPlanId: r.external_plan_id, externalUnitId: r.external_unit_id, status: r.status, legs: r.legs.map(toLegView) }]));
};

/**
 * Upserts the plans and their legs, then removes the legs the new versions no longer have; returns the ids of the
 * plans it wrote. Two statements in one transaction: the removal needs its own snapshot, taken while the upsert
 * holds the plans' row locks, or it would miss legs a concurrent run committed meanwhile.
 */
const writePlans = async ({ companyId, connectionId, messageId, receivedAt, plans, callbackUrl = null, now = new Date() }: TPlanWrite): Promise<Set<string>> => {
  const legs = plans.flatMap((p) => p.legs.map((leg) => ({ plan: p.externalPlanId, ...leg })));
  return db.$transaction(async (tx) => {
    const stored = await loadStoredPlans(tx, companyId, plans.map((p) => p.externalPlanId));
    const rows = await tx.$queryRaw<{ external_plan_id: string }[]>`
      WITH v AS (
        SELECT * FROM unnest(${plans.map((p) => p.externalPlanId)}::text[], ${plans.map((p) => p.externalUnitId)}::text[],
                             ${plans.map((p) => p.status)}::text[], ${plans.map((p) => iso(p.sourceFetchedAt))}::text[])
          AS v(plan, unit, status, fetched)
      ), up AS (
        INSERT INTO plans (id, company_id, external_plan_id, unit_id, status, source_fetched_at, message_id, updated_at)
        SELECT gen_random_uuid()::text, ${companyId}, v.plan, u.id, v.status::"PlanStatus", v.fetched::timestamptz, ${messageId}, ${receivedAt}
        FROM v JOIN units u ON u.company_id = ${companyId} AND u.external_unit_id = v.unit
        ON CONFLICT (company_id, external_plan_id) DO UPDATE SET
          unit_id = EXCLUDED.unit_id, status = EXCLUDED.status,
          source_fetched_at = COALESCE(EXCLUDED.source_fetched_at, plans.source_fetched_at),
          -- Never backwards: a newer-dated plan from an earlier-landed message must not let older undated ones back in.
          message_id = EXCLUDED.message_id, updated_at = GREATEST(plans.updated_at, EXCLUDED.updated_at)
        WHERE CASE
          WHEN EXCLUDED.source_fetched_at IS NOT NULL AND plans.source_fetched_at IS NOT NULL AND EXCLUDED.source_fetched_at <> plans.source_fetched_at
            THEN EXCLUDED.source_fetched_at > plans.source_fetched_at
          ELSE EXCLUDED.updated_at >= plans.updated_at
        END
        RETURNING id, external_plan_id
      ), l AS (
        SELECT * FROM unnest(${legs.map((l) => l.plan)}::text[], ${legs.map((l) => l.seq)}::int[], ${legs.map((l) => l.kind)}::text[],
                             ${legs.map((l) => l.lat)}::float8[], ${legs.map((l) => l.lng)}::float8[], ${legs.map((l) => l.postalCode)}::text[],
                             ${legs.map((l) => l.country)}::text[], ${legs.map((l) => l.placeName)}::text[], ${legs.map((l) => iso(l.windowStart))}::text[],
                             ${legs.map((l) => iso(l.windowEnd))}::text[], ${legs.map((l) => l.loadState)}::text[], ${legs.map((l) => l.goodsDescription)}::text[],
                             ${legs.map((l) => l.weightKg)}::float8[])
          AS l(plan, seq, kind, lat, lng, postal_code, country, place_name, window_start, window_end, load_state, goods, weight)
      ), legs_written AS (
        -- Deterministic ids: processing the message again leaves identical rows.
        INSERT INTO plan_legs (id, plan_id, seq, kind, lat, lng, postal_code, country, place_name, window_start, window_end, load_state, goods_description, weight_kg)
        SELECT up.id || ':' || l.seq, up.id, l.seq, l.kind::"LegKind", l.lat, l.lng, l.postal_code, l.country, l.place_name,
               l.window_start::timestamptz, l.window_end::timestamptz, l.load_state::"LoadState", l.goods, l.weight
        FROM up JOIN l ON l.plan = up.external_plan_id
        ON CONFLICT (plan_id, seq) DO UPDATE SET
          kind = EXCLUDED.kind, lat = EXCLUDED.lat, lng = EXCLUDED.lng, postal_code = EXCLUDED.postal_code, country = EXCLUDED.country,
          place_name = EXCLUDED.place_name, window_start = EXCLUDED.window_start, window_end = EXCLUDED.window_end,
          load_state = EXCLUDED.load_state, goods_description = EXCLUDED.goods_description, weight_kg = EXCLUDED.weight_kg
        RETURNING 1
      )
      SELECT external_plan_id FROM up`;
    const written = rows.map((r) => r.external_plan_id);
    if (written.length > 0) {
      await tx.$executeRaw`
        DELETE FROM plan_legs pl USING plans p
        WHERE pl.plan_id = p.id AND p.company_id = ${companyId} AND p.external_plan_id = ANY(${written}::text[])
          AND NOT EXISTS (SELECT 1 FROM unnest(${legs.map((l) => l.plan)}::text[], ${legs.map((l) => l.seq)}::int[]) AS l(plan, seq)
                          WHERE l.plan = p.external_plan_id AND l.seq = pl.seq)`;
    }
    // The outbox, in this transaction: the events exist exactly when the change does.
    const origin = { companyId, connectionId, messageId, callbackUrl };
    const byId = new Map(plans.map((p) => [p.externalPlanId, p]));
    await emitEvents({ tx, now, events: written.flatMap((id) => planEventsOf({ before: stored.get(id), after: byId.get(id)!, origin, now })) });
    return new Set(written);
  });
};

/** Upserts a message's plans; older ones are reported as dropped with `stale_plan`, refused values as `unstorable_value`. */
export const upsertPlans = (input: TPlanWrite): Promise<TPlanResult> =>
  upsertOrderedEntries({
    entries: input.plans,
    section: "plans",
    keyOf: (p) => p.externalPlanId,
    indexOf: (p) => p.index,
    write: (plans) => writePlans({ ...input, plans }),
    stale: { reason: "stale_plan", detail: (p) => `A newer version of plan ${p.externalPlanId} is already stored` },
  });
