import { db } from "@/lib/db/client";
import type { TNormalized } from "@/lib/ingest/normalize/normalize-envelope";

/** Every vehicle a message mentions, by the carrier's own id. */
export const unitIdsOf = (normalized: TNormalized): string[] => {
  const ids = new Set<string>();
  for (const p of normalized.positions) ids.add(p.externalUnitId);
  for (const p of normalized.plans) ids.add(p.externalUnitId);
  for (const o of normalized.offers) if (o.externalUnitId) ids.add(o.externalUnitId);
  return [...ids].sort();
};

/** Creates the units not yet known, in one statement (existing ones are left untouched). */
export const upsertUnits = async ({ companyId, externalUnitIds }: { companyId: string; externalUnitIds: string[] }): Promise<void> => {
  if (externalUnitIds.length === 0) return;
  await db.$executeRaw`
    INSERT INTO units (id, company_id, external_unit_id)
    SELECT gen_random_uuid()::text, ${companyId}, ext FROM unnest(${externalUnitIds}::text[]) AS ext
    ON CONFLICT (company_id, external_unit_id) DO NOTHING`;
};
