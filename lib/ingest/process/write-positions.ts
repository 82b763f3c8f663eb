// Positions go to history in one multi-row insert (unnest); (unit, at) is
// unique, so a fix seen before is stored once. Then each unit's latest
// position moves, but only forward in time: a late fix stays in history.
import { db } from "@/lib/db/client";
import type { TPosition } from "@/lib/ingest/normalize/types";

export type TPositionResult = { accepted: number; duplicate: number };

const columns = (positions: TPosition[]) => ({
  ext: positions.map((p) => p.externalUnitId),
  at: positions.map((p) => p.at.toISOString()),
  lat: positions.map((p) => p.lat),
  lng: positions.map((p) => p.lng),
  speed: positions.map((p) => p.speedKmh),
  heading: positions.map((p) => p.headingDeg),
  moving: positions.map((p) => p.isMoving),
  ignition: positions.map((p) => p.ignitionOn),
  driver: positions.map((p) => p.driverName),
});

/** The newest fix per unit within the message. */
const newestPerUnit = (positions: TPosition[]): TPosition[] => {
  const newest = new Map<string, TPosition>();
  for (const p of positions) {
    const current = newest.get(p.externalUnitId);
    if (!current || p.at > current.at) newest.set(p.externalUnitId, p);
  }
  return [...newest.values()].sort((a, b) => a.externalUnitId.localeCompare(b.externalUnitId));
};

/** Writes the fixes and moves latest positions. Counts as accepted the fixes stored by this message (also when run again). */
export const writePositions = async ({ companyId, messageId, positions }: { companyId: string; messageId: string; positions: TPosition[] }): Promise<TPositionResult> => {
  if (positions.length === 0) return { accepted: 0, duplicate: 0 };
  const c = columns(positions);
  const inserted = await db.$executeRaw`
    INSERT INTO positions (company_id, unit_id, at, lat, lng, speed_kmh, heading_deg, is_moving, ignition_on, driver_name, message_id)
    SELECT ${companyId}, u.id, v.at::timestamptz, v.lat, v.lng, v.speed, v.heading, v.moving, v.ignition, v.driver, ${messageId}
    FROM unnest(${c.ext}::text[], ${c.at}::text[], ${c.lat}::float8[], ${c.lng}::float8[], ${c.speed}::float8[], ${c.heading}::float8[],
                ${c.moving}::boolean[], ${c.ignition}::boolean[], ${c.driver}::text[])
         AS v(ext, at, lat, lng, speed, heading, moving, ignition, driver)
    JOIN units u ON u.company_id = ${companyId} AND u.external_unit_id = v.ext
    ON CONFLICT (unit_id, at) DO NOTHING`;
  let accepted = inserted;
  if (inserted < positions.length) {
    // Some fixes were already stored: those stored by this same message (a re-run) still count as accepted.
    const [row] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM positions p
      JOIN units u ON u.id = p.unit_id AND u.company_id = ${companyId}
      JOIN unnest(${c.ext}::text[], ${c.at}::text[]) AS v(ext, at) ON u.external_unit_id = v.ext AND p.at = v.at::timestamptz
      WHERE p.message_id = ${messageId}`;
    accepted = Number(row?.n ?? 0);
  }
  const latest = columns(newestPerUnit(positions));
  await db.$executeRaw`
    UPDATE units AS u SET
      latest_at = v.at::timestamptz, latest_lat = v.lat, latest_lng = v.lng, latest_speed_kmh = v.speed, latest_heading_deg = v.heading,
      latest_is_moving = v.moving, latest_ignition_on = v.ignition, driver_name = COALESCE(v.driver, u.driver_name), latest_message_id = ${messageId}
    FROM unnest(${latest.ext}::text[], ${latest.at}::text[], ${latest.lat}::float8[], ${latest.lng}::float8[], ${latest.speed}::float8[],
                ${latest.heading}::float8[], ${latest.moving}::boolean[], ${latest.ignition}::boolean[], ${latest.driver}::text[])
         AS v(ext, at, lat, lng, speed, heading, moving, ignition, driver)
    WHERE u.company_id = ${companyId} AND u.external_unit_id = v.ext AND (u.latest_at IS NULL OR v.at::timestamptz > u.latest_at)`;
  return { accepted, duplicate: positions.length - accepted };
};
