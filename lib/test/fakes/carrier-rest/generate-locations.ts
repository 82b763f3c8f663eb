// Deterministic location fixes for the fake (apart from the time base), so a
// test can append more later and compare what the connector stored with them.
import type { TFakeLocation } from "./types";

export type TGenerateLocations = {
  vehicles?: number;
  perVehicle?: number;
  /** Time of the first round of fixes; default so that the last round is one interval before now (fresh, not stale). */
  from?: Date;
  intervalSeconds?: number;
  /** First vehicle number, to add other vehicles in a later call. */
  firstVehicle?: number;
};

/** Builds `perVehicle` rounds of one fix per vehicle, in time order (the feed's append order). */
export const generateLocations = ({ vehicles = 3, perVehicle = 5, from, intervalSeconds = 60, firstVehicle = 1 }: TGenerateLocations = {}): TFakeLocation[] => {
  const start = from?.getTime() ?? Date.now() - perVehicle * intervalSeconds * 1000;
  const out: TFakeLocation[] = [];
  for (let round = 0; round < perVehicle; round += 1) {
    const time = new Date(start + round * intervalSeconds * 1000).toISOString();
    for (let v = firstVehicle; v < firstVehicle + vehicles; v += 1) {
      const vehicleId = String(100 + v);
      out.push({
        id: `${vehicleId}@${time}`,
        vehicleId,
        vehicleName: `Truck ${v}`,
        time,
        // Spread around southern Germany; never (0, 0), which the portal drops as a missing fix.
        latitude: 48 + v * 0.05 + round * 0.001,
        longitude: 11 + v * 0.05 + round * 0.0015,
        // A fraction so unit conversions are visible; every 4th vehicle stands still.
        speedKmh: v % 4 === 0 ? 0 : 40 + ((v * 7 + round * 3) % 50) + 0.5,
        headingDeg: (v * 37 + round * 11) % 360,
        updatedAt: time,
        address: `Strasse ${v}, Muenchen`,
      });
    }
  }
  return out;
};
