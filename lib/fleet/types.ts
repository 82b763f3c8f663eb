import type { TUnitState } from "./unit-state";

export type TUnitView = {
  id: string;
  externalUnitId: string;
  driverName: string | null;
  state: TUnitState;
  latest: { at: string; lat: number; lng: number; speedKmh: number | null; headingDeg: number | null; isMoving: boolean | null; ignitionOn: boolean | null } | null;
};

export type TLegView = {
  seq: number;
  kind: "pickup" | "delivery" | "reposition" | "rest";
  lat: number | null;
  lng: number | null;
  placeName: string | null;
  postalCode: string | null;
  country: string | null;
  windowStart: string | null;
  windowEnd: string | null;
  loadState: "loaded" | "empty" | null;
  goodsDescription: string | null;
  weightKg: number | null;
};

export type TPlanView = { id: string; externalPlanId: string; externalUnitId: string; unitId: string; status: "planned" | "in_progress" | "completed" | "cancelled"; sourceFetchedAt: string | null; updatedAt: string; legs: TLegView[] };

export type TOfferView = {
  id: string;
  externalOfferId: string | null;
  externalUnitId: string | null;
  availableFrom: string;
  availableTo: string | null;
  origin: { lat: number | null; lng: number | null; postalCode: string | null; country: string | null; radiusKm: number | null };
  preferredDestination: { region: string | null; country: string | null; lat: number | null; lng: number | null };
  bodyType: string | null;
  capacityKg: number | null;
};
