// Ready-made settings that fill the "Connector settings" form: the carrier
// adds the Base URL and credentials and adjusts from there.
import type { TCarrierRestSettingsInput } from "./settings";

export type TCarrierRestPreset = { id: string; label: string; settings: Omit<TCarrierRestSettingsInput, "baseUrl"> };

// Samsara's vehicle locations feed (connector-protocols.md §4.1): vehicles with their fixes nested, speed in mph.
const SAMSARA_MAPPING = `{
  "positions": [data.($vehicle := $; locations.{
    "externalUnitId": $vehicle.id,
    "at": time,
    "lat": $toDegrees(latitude),
    "lng": $toDegrees(longitude),
    "speedKmh": $toKmh(speed),
    "headingDeg": heading,
    "isMoving": speed > 0
  })]
}`;

export const CARRIER_REST_PRESETS: readonly TCarrierRestPreset[] = [
  {
    id: "samsara-feed",
    label: "Samsara-style locations feed (cursor, mph)",
    settings: {
      path: "/fleet/vehicles/locations/feed",
      method: "GET",
      auth: { type: "bearer" },
      pagination: { type: "cursor", cursorParam: "after", cursorPath: "pagination.endCursor", hasMorePath: "pagination.hasNextPage" },
      incremental: { mode: "feedCursor" },
      units: { speed: "mph", coords: "deg" },
      mapping: SAMSARA_MAPPING,
    },
  },
  {
    id: "canonical-envelope",
    label: "Canonical envelope as-is",
    settings: {
      path: "/",
      method: "GET",
      pagination: { type: "none" },
      incremental: { mode: "none" },
      units: { speed: "kmh", coords: "deg" },
      mapping: `{ "positions": positions, "plans": plans, "availability": availability }`,
    },
  },
];
