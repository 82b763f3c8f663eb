// The record shape of the page-number and offset routes: a plain snake_case
// list item in the style of Motive's `v1` API (its exact layout is "?" in
// connector-protocols.md §4.1, so it is the fake's own), in the configured units.
import { presentCoordinate, presentSpeed } from "./present-units";
import type { TFakeLocation, TFakeUnits } from "./types";

/** One list item as the generic routes send it. */
export const presentRecord = (location: TFakeLocation, units: TFakeUnits) => ({
  id: location.id,
  vehicle_id: location.vehicleId,
  vehicle_name: location.vehicleName,
  located_at: location.time,
  lat: presentCoordinate(location.latitude, units.coords),
  lon: presentCoordinate(location.longitude, units.coords),
  speed: presentSpeed(location.speedKmh, units.speed),
  bearing: location.headingDeg,
  updated_at: location.updatedAt,
});
