// GET …/fleet/units at 10,000 units: PostgreSQL builds the GeoJSON text
// itself, so no row is mapped or serialised in JavaScript. The shape matches
// unitsToGeoJson (lib/fleet/geojson.ts); a test holds the two together.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { unitStateSql } from "./unit-state";

/** The company's units as the /units route's JSON text. */
export const unitsGeoJsonText = async ({ companyId, now = new Date() }: { companyId: string; now?: Date }): Promise<string> => {
  const state = unitStateSql({ now, staleAfterMinutes: env.FLEET_STALE_AFTER_MINUTES });
  const [row] = await db.$queryRaw<{ body: string }[]>`
    WITH u AS (
      SELECT id, external_unit_id, driver_name, ${state} AS state, latest_at, latest_lat, latest_lng, latest_speed_kmh, latest_heading_deg, latest_is_moving, latest_ignition_on
      FROM units WHERE company_id = ${companyId}
    ), views AS (
      SELECT id, external_unit_id, latest_lat, latest_lng, latest_heading_deg, latest_speed_kmh,
        json_build_object(
          'id', id, 'externalUnitId', external_unit_id, 'driverName', driver_name, 'state', state,
          'latest', CASE WHEN latest_at IS NOT NULL AND latest_lat IS NOT NULL AND latest_lng IS NOT NULL THEN json_build_object(
            'at', to_char(latest_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'lat', latest_lat, 'lng', latest_lng, 'speedKmh', latest_speed_kmh,
            'headingDeg', latest_heading_deg, 'isMoving', latest_is_moving, 'ignitionOn', latest_ignition_on) END
        )::jsonb AS view
      FROM u
    )
    SELECT json_build_object(
      'type', 'FeatureCollection',
      'features', coalesce((
        SELECT json_agg(json_build_object(
          'type', 'Feature', 'id', id,
          'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(latest_lng, latest_lat)),
          'properties', view || jsonb_build_object('headingDeg', coalesce(latest_heading_deg, 0), 'speedKmh', latest_speed_kmh)
        ) ORDER BY external_unit_id) FROM views WHERE view -> 'latest' <> 'null'::jsonb), '[]'::json),
      'unitsWithoutFix', coalesce((SELECT json_agg(view ORDER BY external_unit_id) FROM views WHERE view -> 'latest' = 'null'::jsonb), '[]'::json)
    )::text AS body`;
  return row!.body;
};
