// A unit's state on the map, from its latest fix.
export type TUnitState = "moving" | "idling" | "parked" | "stale" | "no_fix";

export const STALE_AFTER_MS = 30 * 60_000;

/** moving; stopped with ignition on (idling); parked (ignition off); stale (no fix for 30 minutes); no fix yet. */
export const unitState = ({ latestAt, isMoving, ignitionOn, speedKmh, now, staleAfterMs = STALE_AFTER_MS }: { latestAt: Date | null; isMoving: boolean | null; ignitionOn: boolean | null; speedKmh: number | null; now: Date; staleAfterMs?: number }): TUnitState => {
  if (!latestAt) return "no_fix";
  if (now.getTime() - latestAt.getTime() > staleAfterMs) return "stale";
  if (isMoving ?? (speedKmh !== null && speedKmh > 3)) return "moving";
  return ignitionOn ? "idling" : "parked";
};
