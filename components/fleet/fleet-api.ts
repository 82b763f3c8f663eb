// The page reads the same JSON API integrators and tools can use.
import { unitFromFeature, type TFeatureCollection, type TUnitProperties } from "@/lib/fleet/geojson";
import type { TUnitDetail } from "@/lib/fleet/get-unit-detail";
import type { TOfferView, TUnitView } from "@/lib/fleet/types";

const BASE = "/api/v1/carriers-module/my-company/fleet";

const get = async <T>(path: string): Promise<T> => {
  const response = await fetch(`${BASE}${path}`, { cache: "no-store" });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
};

export const fetchUnits = async (): Promise<TUnitView[]> => {
  const data = await get<TFeatureCollection<TUnitProperties> & { unitsWithoutFix: TUnitView[] }>("/units");
  return [...data.features.map(unitFromFeature), ...data.unitsWithoutFix];
};
export const fetchUnit = (id: string) => get<TUnitDetail>(`/units/${encodeURIComponent(id)}`);
export const fetchTrack = (id: string) => get<{ type: "Feature"; geometry: unknown }>(`/units/${encodeURIComponent(id)}/track`);
export type TOfferFeature = TFeatureCollection<TOfferView & { radiusKm: number | null }>["features"][number];
export const fetchOffers = () => get<TFeatureCollection<TOfferView & { radiusKm: number | null }>>("/offers");
