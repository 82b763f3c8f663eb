import { db } from "@/lib/db/client";
import type { TOfferView } from "./types";

/** The company's offers whose window has not ended, soonest first. */
export const listOffers = async ({ companyId, now = new Date(), take = 2_000 }: { companyId: string; now?: Date; take?: number }): Promise<TOfferView[]> => {
  const offers = await db.availabilityOffer.findMany({
    where: { companyId, OR: [{ availableTo: null }, { availableTo: { gte: now } }] },
    orderBy: { availableFrom: "asc" },
    take,
  });
  const units = await db.unit.findMany({ where: { companyId, id: { in: offers.flatMap((o) => (o.unitId ? [o.unitId] : [])) } }, select: { id: true, externalUnitId: true } });
  const names = new Map(units.map((u) => [u.id, u.externalUnitId]));
  return offers.map((o) => ({
    id: o.id,
    externalOfferId: o.externalOfferId,
    externalUnitId: o.unitId ? names.get(o.unitId) ?? null : null,
    availableFrom: o.availableFrom.toISOString(),
    availableTo: o.availableTo?.toISOString() ?? null,
    origin: { lat: o.originLat, lng: o.originLng, postalCode: o.originPostalCode, country: o.originCountry, radiusKm: o.originRadiusKm },
    preferredDestination: { region: o.destRegion, country: o.destCountry, lat: o.destLat, lng: o.destLng },
    bodyType: o.bodyType,
    capacityKg: o.capacityKg,
  }));
};
