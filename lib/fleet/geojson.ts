import type { TOfferView, TPlanView, TUnitView } from "./types";

type TFeature<P> = { type: "Feature"; id?: string; geometry: { type: "Point"; coordinates: [number, number] } | { type: "LineString"; coordinates: [number, number][] }; properties: P };
export type TFeatureCollection<P> = { type: "FeatureCollection"; features: TFeature<P>[] };

export type TUnitProperties = Pick<TUnitView, "id" | "externalUnitId" | "driverName" | "state"> & {
  at: string;
  speedKmh: number | null;
  headingDeg: number | null;
  isMoving: boolean | null;
  ignitionOn: boolean | null;
};

/** Units with a position as points with flat properties (what the map styles by); lat/lng are the coordinates. */
export const unitsToGeoJson = (units: TUnitView[]): TFeatureCollection<TUnitProperties> => ({
  type: "FeatureCollection",
  features: units.flatMap((u) =>
    u.latest
      ? [{
          type: "Feature" as const,
          id: u.id,
          geometry: { type: "Point" as const, coordinates: [u.latest.lng, u.latest.lat] as [number, number] },
          properties: { id: u.id, externalUnitId: u.externalUnitId, driverName: u.driverName, state: u.state, at: u.latest.at, speedKmh: u.latest.speedKmh, headingDeg: u.latest.headingDeg, isMoving: u.latest.isMoving, ignitionOn: u.latest.ignitionOn },
        }]
      : [],
  ),
});

/** The unit a feature of unitsToGeoJson describes. */
export const unitFromFeature = (feature: TFeatureCollection<TUnitProperties>["features"][number]): TUnitView => {
  const { id, externalUnitId, driverName, state, ...latest } = feature.properties;
  const [lng, lat] = feature.geometry.coordinates as [number, number];
  return { id, externalUnitId, driverName, state, latest: { ...latest, lat, lng } };
};

/** Offers with an origin point. */
export const offersToGeoJson = (offers: TOfferView[]): TFeatureCollection<TOfferView & { radiusKm: number | null }> => ({
  type: "FeatureCollection",
  features: offers.flatMap((o) =>
    o.origin.lat !== null && o.origin.lng !== null
      ? [{ type: "Feature" as const, id: o.id, geometry: { type: "Point" as const, coordinates: [o.origin.lng, o.origin.lat] as [number, number] }, properties: { ...o, radiusKm: o.origin.radiusKm } }]
      : [],
  ),
});

/** A plan's route through its located legs, in order (the legs themselves are numbered markers on the map). */
export const planRouteToGeoJson = (plan: TPlanView): TFeatureCollection<Record<string, never>> => {
  const coordinates = plan.legs.filter((l) => l.lat !== null && l.lng !== null).map((l) => [l.lng!, l.lat!] as [number, number]);
  return { type: "FeatureCollection", features: coordinates.length > 1 ? [{ type: "Feature", geometry: { type: "LineString", coordinates }, properties: {} }] : [] };
};
