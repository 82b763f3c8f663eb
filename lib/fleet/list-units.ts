import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { TUnitView } from "./types";
import { unitState } from "./unit-state";

type TRow = {
  id: string;
  external_unit_id: string;
  driver_name: string | null;
  latest_at: Date | null;
  latest_lat: number | null;
  latest_lng: number | null;
  latest_speed_kmh: number | null;
  latest_heading_deg: number | null;
  latest_is_moving: boolean | null;
  latest_ignition_on: boolean | null;
};

/** Shapes a unit row for the map and the list. */
export const toUnitView = (r: TRow, now: Date): TUnitView => ({
  id: r.id,
  externalUnitId: r.external_unit_id,
  driverName: r.driver_name,
  state: unitState({ latestAt: r.latest_at, isMoving: r.latest_is_moving, ignitionOn: r.latest_ignition_on, speedKmh: r.latest_speed_kmh, now, staleAfterMs: env.FLEET_STALE_AFTER_MINUTES * 60_000 }),
  latest:
    r.latest_at && r.latest_lat !== null && r.latest_lng !== null
      ? { at: r.latest_at.toISOString(), lat: r.latest_lat, lng: r.latest_lng, speedKmh: r.latest_speed_kmh, headingDeg: r.latest_heading_deg, isMoving: r.latest_is_moving, ignitionOn: r.latest_ignition_on }
      : null,
});

/** The company's units with their latest position (one index range scan on units(company_id, external_unit_id)); `ids` narrows to some. */
export const listUnits = async ({ companyId, ids, now = new Date() }: { companyId: string; ids?: string[]; now?: Date }): Promise<TUnitView[]> => {
  const rows = ids
    ? await db.$queryRaw<TRow[]>`
        SELECT id, external_unit_id, driver_name, latest_at, latest_lat, latest_lng, latest_speed_kmh, latest_heading_deg, latest_is_moving, latest_ignition_on
        FROM units WHERE company_id = ${companyId} AND id = ANY(${ids}::text[]) ORDER BY external_unit_id`
    : await db.$queryRaw<TRow[]>`
        SELECT id, external_unit_id, driver_name, latest_at, latest_lat, latest_lng, latest_speed_kmh, latest_heading_deg, latest_is_moving, latest_ignition_on
        FROM units WHERE company_id = ${companyId} ORDER BY external_unit_id`;
  return rows.map((r) => toUnitView(r, now));
};
