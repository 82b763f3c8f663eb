// Positions: required unit, time and coordinates; optional fields that are
// wrong are ignored with a warning and the fix kept.
import { coordinates, isRecord, numberIn, optionalText, requiredId, requiredTimestamp, type TRecord } from "./fields";
import { EntryRejected, type TIssue, type TPosition, type TSectionCounts } from "./types";

export type TPositionLimits = { now: Date; maxFutureMs: number; maxAgeMs: number | null };

const optionalOrWarn = <T>(read: () => T | null, warn: (e: EntryRejected) => void): T | null => {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof EntryRejected)) throw error;
    warn(error);
    return null;
  }
};

const optionalBoolean = (entry: TRecord, key: string): boolean | null => {
  const value = entry[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== "boolean") throw new EntryRejected("invalid_type", `${key} must be true or false`);
  return value;
};

const readPosition = (entry: unknown, index: number, limits: TPositionLimits, warn: (e: EntryRejected) => void): TPosition => {
  if (!isRecord(entry)) throw new EntryRejected("invalid_type", "entry must be an object");
  const externalUnitId = requiredId(entry, "externalUnitId");
  const at = requiredTimestamp(entry, "at");
  const { lat, lng } = coordinates(entry, "", true) as { lat: number; lng: number };
  if (lat === 0 && lng === 0) throw new EntryRejected("zero_coordinates", "lat and lng are both 0, which is almost always a missing fix");
  if (at.getTime() > limits.now.getTime() + limits.maxFutureMs) throw new EntryRejected("future_timestamp", `at is more than ${Math.round(limits.maxFutureMs / 1000)} s in the future`);
  if (limits.maxAgeMs !== null && at.getTime() < limits.now.getTime() - limits.maxAgeMs) throw new EntryRejected("stale", `at is older than the connection's maximum age of ${Math.round(limits.maxAgeMs / 1000)} s`);
  return {
    index,
    externalUnitId,
    at,
    lat,
    lng,
    speedKmh: optionalOrWarn(() => numberIn(entry, "speedKmh", { min: 0, max: 300 }), warn),
    headingDeg: optionalOrWarn(() => numberIn(entry, "headingDeg", { min: 0, max: 360 }), warn),
    isMoving: optionalOrWarn(() => optionalBoolean(entry, "isMoving"), warn),
    ignitionOn: optionalOrWarn(() => optionalBoolean(entry, "ignitionOn"), warn),
    driverName: optionalOrWarn(() => optionalText(entry, "driverName"), warn),
  };
};

/** Validates the positions section. Repeats of a unit's fix within the message count as duplicates. */
export const normalizePositions = (raw: unknown[], limits: TPositionLimits): { positions: TPosition[]; issues: TIssue[]; counts: TSectionCounts } => {
  const positions: TPosition[] = [];
  const issues: TIssue[] = [];
  const counts: TSectionCounts = { received: raw.length, accepted: 0, dropped: 0, duplicate: 0, stale: 0 };
  const seen = new Set<string>();
  raw.forEach((entry, index) => {
    try {
      const position = readPosition(entry, index, limits, (e) => issues.push({ severity: "warning", section: "positions", index, reason: e.reason, detail: `${e.message}; ignored` }));
      const key = `${position.externalUnitId}\u0000${position.at.getTime()}`;
      if (seen.has(key)) {
        counts.duplicate += 1;
        return;
      }
      seen.add(key);
      positions.push(position);
    } catch (error) {
      if (!(error instanceof EntryRejected)) throw error;
      issues.push({ severity: "dropped", section: "positions", index, reason: error.reason, detail: error.message });
      if (error.reason === "stale") counts.stale += 1;
      else counts.dropped += 1;
    }
  });
  return { positions, issues, counts };
};
