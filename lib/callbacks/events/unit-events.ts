// Monitoring events of a unit's latest position moving: the first fix ever,
// and a fix after the unit was reported silent.
import type { TPosition } from "@/lib/ingest/normalize/types";
import type { TNewEvent } from "./emit-events";
import type { TEventOrigin } from "./plan-events";

/** A fix as callbacks show it. */
export const toFixView = (p: Pick<TPosition, "externalUnitId" | "at" | "lat" | "lng" | "speedKmh" | "headingDeg" | "isMoving" | "ignitionOn">, messageId: string | null) => ({
  externalUnitId: p.externalUnitId,
  at: new Date(p.at).toISOString(),
  lat: p.lat,
  lng: p.lng,
  speedKmh: p.speedKmh,
  headingDeg: p.headingDeg,
  isMoving: p.isMoving,
  ignitionOn: p.ignitionOn,
  messageId,
});

export type TLatestMove = { unitId: string; fix: TPosition; previousAt: Date | null; silentSince: Date | null; origin: TEventOrigin };

/** first_fix when the unit had no position; resumed when it had been reported silent. */
export const unitEventsOf = ({ move, now }: { move: TLatestMove; now: Date }): TNewEvent[] => {
  const { unitId, fix, previousAt, silentSince, origin } = move;
  const base = { companyId: origin.companyId, connectionId: origin.connectionId, objectId: fix.externalUnitId, occurredAt: now, messageId: origin.messageId, callbackUrl: origin.callbackUrl };
  const view = toFixView(fix, origin.messageId);
  if (previousAt === null) return [{ ...base, eventName: "monitoring.unit.first_fix", data: { fix: view }, dedupeKey: `monitoring.unit.first_fix:${unitId}` }];
  if (silentSince === null) return [];
  const silentForSeconds = Math.max(0, Math.round((fix.at.getTime() - previousAt.getTime()) / 1000));
  return [{ ...base, eventName: "monitoring.unit.resumed", data: { fix: view, silentForSeconds }, dedupeKey: `monitoring.unit.resumed:${unitId}:${silentSince.toISOString()}` }];
};
