// Converts a fix from the state's units to the units a route sends
// (connector-protocols.md §4.2 `units`: speed km/h, mph, m/s or knots; degrees or micro-degrees).
import type { TFakeUnits } from "./types";

const KMH_PER: Record<TFakeUnits["speed"], number> = { kmh: 1, mph: 1.609344, mps: 3.6, knots: 1.852 };

/** Speed in `unit`, from km/h. */
export const presentSpeed = (speedKmh: number, unit: TFakeUnits["speed"]): number => speedKmh / KMH_PER[unit];

/** A coordinate in `unit`, from degrees (micro-degrees are integers, as Webfleet and others send them). */
export const presentCoordinate = (degrees: number, unit: TFakeUnits["coords"]): number => (unit === "microdeg" ? Math.round(degrees * 1e6) : degrees);
