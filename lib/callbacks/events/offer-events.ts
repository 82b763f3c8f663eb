// Which offer events a write caused: created, or updated with the fields
// that changed. An unchanged offer causes none.
import type { TOffer } from "@/lib/ingest/normalize/types";
import { changedFields } from "./changed-fields";
import type { TNewEvent } from "./emit-events";
import type { TEventOrigin } from "./plan-events";

const iso = (value: Date | string | null | undefined): string | null => (value === null || value === undefined ? null : new Date(value).toISOString());

/** The fields of an offer that callbacks show and compare. */
export const toOfferFields = (o: Pick<TOffer, "externalOfferId" | "externalUnitId" | "availableFrom" | "availableTo" | "originLat" | "originLng" | "originPostalCode" | "originCountry" | "originRadiusKm" | "destRegion" | "destCountry" | "destLat" | "destLng" | "bodyType" | "capacityKg">) => ({
  externalOfferId: o.externalOfferId, externalUnitId: o.externalUnitId, availableFrom: iso(o.availableFrom), availableTo: iso(o.availableTo),
  originLat: o.originLat, originLng: o.originLng, originPostalCode: o.originPostalCode, originCountry: o.originCountry, originRadiusKm: o.originRadiusKm,
  destRegion: o.destRegion, destCountry: o.destCountry, destLat: o.destLat, destLng: o.destLng, bodyType: o.bodyType, capacityKg: o.capacityKg,
});
export type TOfferFields = ReturnType<typeof toOfferFields>;

/** The offer as stored, for a callback's data (the envelope's shape). */
export const toOfferView = (f: TOfferFields, messageId: string) => ({
  externalOfferId: f.externalOfferId,
  externalUnitId: f.externalUnitId,
  availableFrom: f.availableFrom,
  availableTo: f.availableTo,
  origin: { lat: f.originLat, lng: f.originLng, postalCode: f.originPostalCode, country: f.originCountry, radiusKm: f.originRadiusKm },
  preferredDestination: { region: f.destRegion, country: f.destCountry, lat: f.destLat, lng: f.destLng },
  bodyType: f.bodyType,
  capacityKg: f.capacityKg,
  messageId,
});

/** The object id of an offer: the carrier's offer id, or, without one, the portal's source key. */
export const offerObjectId = (o: { externalOfferId: string | null; sourceKey: string }): string => o.externalOfferId ?? o.sourceKey;

/** The events of one written offer. */
export const offerEventsOf = ({ before, after, origin, now }: { before: TOfferFields | undefined; after: TOffer; origin: TEventOrigin; now: Date }): TNewEvent[] => {
  const fields = toOfferFields(after);
  const base = { companyId: origin.companyId, connectionId: origin.connectionId, objectId: offerObjectId(after), occurredAt: now, messageId: origin.messageId, callbackUrl: origin.callbackUrl };
  const offer = toOfferView(fields, origin.messageId);
  if (!before) return [{ ...base, eventName: "availability.offer.created", data: { offer }, dedupeKey: `availability.offer.created:${origin.companyId}:${after.sourceKey}` }];
  const changed = changedFields(before, fields);
  return changed.length === 0 ? [] : [{ ...base, eventName: "availability.offer.updated", data: { offer, changedFields: changed } }];
};
