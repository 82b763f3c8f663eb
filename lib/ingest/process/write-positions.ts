// Positions of one company's messages go to history in one multi-row insert
// (unnest); (unit, at) is unique, so a fix seen before is stored once. Then
// each unit's latest position moves, but only forward in time: a late fix
// stays in history.
import { db } from "@/lib/db/client";
import type { TIssue, TPosition } from "@/lib/ingest/normalize/types";
import { emitEvents } from "@/lib/callbacks/events/emit-events";
import { unitEventsOf } from "@/lib/callbacks/events/unit-events";
import { writeIsolatingBadEntries } from "./write-isolating-bad-entries";

export type TPositionResult = { accepted: number; duplicate: number; issues: TIssue[] };
type TMessagePositions = { messageId: string; connectionId: string; callbackUrl?: string | null; positions: TPosition[] };
type TRow = TPosition & { messageId: string };

const columns = (rows: TRow[]) => ({
  message: rows.map((p) => p.messageId),
  ext: rows.map((p) => p.externalUnitId),
  at: rows.map((p) => p.at.toISOString()),
  lat: rows.map((p) => p.lat),
  lng: rows.map((p) => p.lng),
  speed: rows.map((p) => p.speedKmh),
  heading: rows.map((p) => p.headingDeg),
  moving: rows.map((p) => p.isMoving),
  ignition: rows.map((p) => p.ignitionOn),
  driver: rows.map((p) => p.driverName),
});

/** The newest fix per unit; on a tie the later message wins. */
const newestPerUnit = (rows: TRow[]): TRow[] => {
  const newest = new Map<string, TRow>();
  for (const p of rows) {
    const current = newest.get(p.externalUnitId);
    if (!current || p.at >= current.at) newest.set(p.externalUnitId, p);
  }
  return [...newest.values()].sort((a, b) => a.externalUnitId.localeCompare(b.externalUnitId));
};

type TOrigins = Map<string, { connectionId: string; callbackUrl: string | null }>;

/**
 * Inserts the rows and moves latest positions, and emits the monitoring events of the moves, in one transaction;
 * returns per message how many of these rows it has stored (also when run again).
 */
const writeRows = async (companyId: string, rows: TRow[], origins: TOrigins): Promise<Map<string, number>> =>
  db.$transaction(async (tx) => {
    const c = columns(rows);
    const inserted = await tx.$queryRaw<{ message_id: string; n: bigint }[]>`
      WITH ins AS (
        INSERT INTO positions (company_id, unit_id, at, lat, lng, speed_kmh, heading_deg, is_moving, ignition_on, driver_name, message_id)
        SELECT ${companyId}, u.id, v.at::timestamptz, v.lat, v.lng, v.speed, v.heading, v.moving, v.ignition, v.driver, v.message
        FROM unnest(${c.message}::text[], ${c.ext}::text[], ${c.at}::text[], ${c.lat}::float8[], ${c.lng}::float8[], ${c.speed}::float8[],
                    ${c.heading}::float8[], ${c.moving}::boolean[], ${c.ignition}::boolean[], ${c.driver}::text[])
             AS v(message, ext, at, lat, lng, speed, heading, moving, ignition, driver)
        JOIN units u ON u.company_id = ${companyId} AND u.external_unit_id = v.ext
        ON CONFLICT (unit_id, at) DO NOTHING
        RETURNING message_id
      )
      SELECT message_id, count(*) AS n FROM ins GROUP BY message_id`;
    const stored = new Map<string, number>(inserted.map((r) => [r.message_id, Number(r.n)]));
    const sent = new Map<string, number>();
    for (const r of rows) sent.set(r.messageId, (sent.get(r.messageId) ?? 0) + 1);
    const short = [...sent].filter(([id, n]) => (stored.get(id) ?? 0) < n).map(([id]) => id);
    if (short.length > 0) {
      // Some fixes were already stored: those stored by the same message (a re-run) still count as accepted.
      const recounted = await tx.$queryRaw<{ message_id: string; n: bigint }[]>`
        SELECT p.message_id, count(*) AS n FROM positions p
        JOIN units u ON u.id = p.unit_id AND u.company_id = ${companyId}
        JOIN unnest(${c.message}::text[], ${c.ext}::text[], ${c.at}::text[]) AS v(message, ext, at)
          ON u.external_unit_id = v.ext AND p.at = v.at::timestamptz AND p.message_id = v.message
        WHERE p.message_id = ANY(${short}::text[])
        GROUP BY p.message_id`;
      for (const id of short) stored.set(id, 0);
      for (const r of recounted) stored.set(r.message_id, Number(r.n));
    }

    const newest = newestPerUnit(rows);
    const latest = columns(newest);
    // `before` is the row as this statement found it: whether the unit had a fix, and whether it was reported silent.
    const moved = await tx.$queryRaw<{ id: string; ext: string; previous_at: Date | null; silent_since: Date | null }[]>`
      UPDATE units AS u SET
        latest_at = v.at::timestamptz, latest_lat = v.lat, latest_lng = v.lng, latest_speed_kmh = v.speed, latest_heading_deg = v.heading,
        latest_is_moving = v.moving, latest_ignition_on = v.ignition, driver_name = COALESCE(v.driver, u.driver_name), latest_message_id = v.message,
        silent_since = NULL
      FROM unnest(${latest.message}::text[], ${latest.ext}::text[], ${latest.at}::text[], ${latest.lat}::float8[], ${latest.lng}::float8[], ${latest.speed}::float8[],
                  ${latest.heading}::float8[], ${latest.moving}::boolean[], ${latest.ignition}::boolean[], ${latest.driver}::text[])
           AS v(message, ext, at, lat, lng, speed, heading, moving, ignition, driver),
           units AS before
      WHERE u.company_id = ${companyId} AND u.external_unit_id = v.ext AND before.id = u.id AND (u.latest_at IS NULL OR v.at::timestamptz > u.latest_at)
      RETURNING u.id, u.external_unit_id AS ext, before.latest_at AS previous_at, before.silent_since`;
    if (moved.length > 0) {
      const fixOf = new Map(newest.map((p) => [p.externalUnitId, p]));
      const now = new Date();
      const events = moved.flatMap((m) => {
        const fix = fixOf.get(m.ext)!;
        const origin = origins.get(fix.messageId)!;
        return unitEventsOf({ now, move: { unitId: m.id, fix, previousAt: m.previous_at, silentSince: m.silent_since, origin: { companyId, messageId: fix.messageId, ...origin } } });
      });
      await emitEvents({ tx, events, now });
    }
    return stored;
  });

/** Writes the fixes and moves latest positions. A fix counts as accepted for the message that stored it (also when run again). */
export const writePositions = async ({ companyId, messages }: { companyId: string; messages: TMessagePositions[] }): Promise<Record<string, TPositionResult>> => {
  const rows: TRow[] = messages.flatMap((m) => m.positions.map((p) => ({ ...p, messageId: m.messageId })));
  const origins: TOrigins = new Map(messages.map((m) => [m.messageId, { connectionId: m.connectionId, callbackUrl: m.callbackUrl ?? null }]));
  const result: Record<string, TPositionResult> = Object.fromEntries(messages.map((m) => [m.messageId, { accepted: 0, duplicate: 0, issues: [] }]));
  if (rows.length === 0) return result;
  const { rejected } = await writeIsolatingBadEntries({
    entries: rows,
    write: async (part) => {
      for (const [id, n] of await writeRows(companyId, part, origins)) result[id]!.accepted += n;
    },
  });
  for (const { entry } of rejected) {
    result[entry.messageId]!.issues.push({ severity: "dropped", section: "positions", index: entry.index, reason: "unstorable_value", detail: "The database refused a value of this entry; it was not stored" });
  }
  for (const m of messages) {
    const r = result[m.messageId]!;
    r.duplicate = m.positions.length - r.accepted - r.issues.length;
  }
  return result;
};
