// Availability: free-capacity offers. Without an offer id, an offer is keyed
// by message and position, so processing a message again adds nothing.
import { coordinates, isRecord, numberIn, optionalId, optionalObject, optionalText, optionalTimestamp, requiredTimestamp } from "./fields";
import { EntryRejected, type TIssue, type TOffer, type TSectionCounts } from "./types";

const readOffer = (entry: unknown, index: number, messageId: string): TOffer => {
  if (!isRecord(entry)) throw new EntryRejected("invalid_type", "entry must be an object");
  const availableFrom = requiredTimestamp(entry, "availableFrom");
  const availableTo = optionalTimestamp(entry, "availableTo");
  if (availableTo && availableTo < availableFrom) throw new EntryRejected("invalid_window", "availableTo is before availableFrom");
  const externalOfferId = optionalId(entry, "externalOfferId");
  const origin = optionalObject(entry, "origin");
  const originPoint = origin ? coordinates(origin, "origin.", false) : { lat: null, lng: null };
  const dest = optionalObject(entry, "preferredDestination");
  const destPoint = dest ? coordinates(dest, "preferredDestination.", false) : { lat: null, lng: null };
  return {
    index,
    sourceKey: externalOfferId ?? `${messageId}#${index}`,
    externalOfferId,
    externalUnitId: optionalId(entry, "externalUnitId"),
    availableFrom,
    availableTo,
    originLat: originPoint.lat,
    originLng: originPoint.lng,
    originPostalCode: origin ? optionalText(origin, "postalCode", "origin.postalCode") : null,
    originCountry: origin ? optionalText(origin, "country", "origin.country") : null,
    originRadiusKm: origin ? numberIn(origin, "radiusKm", { min: 0, max: 20_000, path: "origin.radiusKm" }) : null,
    destRegion: dest ? optionalText(dest, "region", "preferredDestination.region") : null,
    destCountry: dest ? optionalText(dest, "country", "preferredDestination.country") : null,
    destLat: destPoint.lat,
    destLng: destPoint.lng,
    bodyType: optionalText(entry, "bodyType"),
    capacityKg: numberIn(entry, "capacityKg", { min: 0, max: Number.MAX_SAFE_INTEGER }),
  };
};

/** Validates the availability section. An offer id repeated within the message: the last one counts. */
export const normalizeAvailability = (raw: unknown[], messageId: string): { offers: TOffer[]; issues: TIssue[]; counts: TSectionCounts } => {
  const byKey = new Map<string, TOffer>();
  const issues: TIssue[] = [];
  const counts: TSectionCounts = { received: raw.length, accepted: 0, dropped: 0, duplicate: 0, stale: 0 };
  raw.forEach((entry, index) => {
    try {
      const offer = readOffer(entry, index, messageId);
      if (byKey.has(offer.sourceKey)) counts.duplicate += 1;
      byKey.set(offer.sourceKey, offer);
    } catch (error) {
      if (!(error instanceof EntryRejected)) throw error;
      issues.push({ severity: "dropped", section: "availability", index, reason: error.reason, detail: error.message });
      counts.dropped += 1;
    }
  });
  return { offers: [...byKey.values()], issues, counts };
};
