// A unit's state on the map, from its latest fix: moving; stopped with the
// ignition on (idling); parked (ignition off); stale (no fix for a while,
// FLEET_STALE_AFTER_MINUTES); or no fix yet. Decided in SQL, in the one
// query every unit read goes through (list-units.ts).
import { Prisma } from "@/lib/db/generated/client";

export type TUnitState = "moving" | "idling" | "parked" | "stale" | "no_fix";

/** The SQL expression for a `units` row's state at `now`. */
export const unitStateSql = ({ now, staleAfterMinutes }: { now: Date; staleAfterMinutes: number }): Prisma.Sql => Prisma.sql`
  CASE
    WHEN latest_at IS NULL THEN 'no_fix'
    WHEN latest_at < ${now}::timestamptz - make_interval(mins => ${staleAfterMinutes}::int) THEN 'stale'
    WHEN coalesce(latest_is_moving, coalesce(latest_speed_kmh, 0) > 3) THEN 'moving'
    WHEN latest_ignition_on THEN 'idling'
    ELSE 'parked'
  END`;
