import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { env } from "@/lib/env";
import type { TUnitView } from "./types";
import { unitStateSql, type TUnitState } from "./unit-state";

type TRow = {
  id: string;
  external_unit_id: string;
  driver_name: string | null;
  state: TUnitState;
  latest_at: Date | null;
  latest_lat: number | null;
  latest_lng: number | null;
  latest_speed_kmh: number | null;
  latest_heading_deg: number | null;
  latest_is_moving: boolean | null;
  latest_ignition_on: boolean | null;
};

const toUnitView = (r: TRow): TUnitView => ({
  id: r.id,
  externalUnitId: r.external_unit_id,
  driverName: r.driver_name,
  state: r.state,
  latest:
    r.latest_at && r.latest_lat !== null && r.latest_lng !== null
      ? { at: r.latest_at.toISOString(), lat: r.latest_lat, lng: r.latest_lng, speedKmh: r.latest_speed_kmh, headingDeg: r.latest_heading_deg, isMoving: r.latest_is_moving, ignitionOn: r.latest_ignition_on }
      : null,
});

/** Some or all of the company's units with their latest position (index range scan on units(company_id, external_unit_id)). */
export const listUnits = async ({ companyId, ids, now = new Date() }: { companyId: string; ids?: string[]; now?: Date }): Promise<TUnitView[]> => {
  const state = unitStateSql({ now, staleAfterMinutes: env.FLEET_STALE_AFTER_MINUTES });
  const only = ids ? Prisma.sql`AND id = ANY(${ids}::text[])` : Prisma.empty;
  const rows = await db.$queryRaw<TRow[]>`
    SELECT id, external_unit_id, driver_name, ${state} AS state, latest_at, latest_lat, latest_lng, latest_speed_kmh, latest_heading_deg, latest_is_moving, latest_ignition_on
    FROM units WHERE company_id = ${companyId} ${only} ORDER BY external_unit_id`;
  return rows.map(toUnitView);
};
