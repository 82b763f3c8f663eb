// Offers upsert by (company, source key) in one statement per message. The
// same ordering rule as plans: an offer replaces the stored one only if its
// message landed no earlier (updated_at holds the landing time, not the
// processing time), so a late retry cannot roll an offer back.
import { db, type TTx } from "@/lib/db/client";
import type { TOffer } from "@/lib/ingest/normalize/types";
import { emitEvents } from "@/lib/callbacks/events/emit-events";
import { offerEventsOf, toOfferFields, type TOfferFields } from "@/lib/callbacks/events/offer-events";
import { upsertOrderedEntries, type TOrderedResult } from "./upsert-ordered-entries";

export type TOfferResult = TOrderedResult;

type TOfferWrite = { companyId: string; connectionId: string; messageId: string; receivedAt: Date; offers: TOffer[]; callbackUrl?: string | null; now?: Date };

const col = <K extends keyof TOffer>(offers: TOffer[], key: K) => offers.map((o) => o[key]);
const iso = (dates: (Date | null)[]) => dates.map((d) => d?.toISOString() ?? null);

type TStoredOffer = Omit<TOfferFields, "availableFrom" | "availableTo"> & { sourceKey: string; availableFrom: Date; availableTo: Date | null };

/** The stored versions of these offers, row-locked so the comparison sees what this write replaces. */
const loadStoredOffers = async (tx: TTx, companyId: string, keys: string[]): Promise<Map<string, TOfferFields>> => {
  const rows = await tx.$queryRaw<TStoredOffer[]>`
    SELECT o.source_key AS "sourceKey", o.external_offer_id AS "externalOfferId", u.external_unit_id AS "externalUnitId",
           o.available_from AS "availableFrom", o.available_to AS "availableTo", o.origin_lat AS "originLat", o.origin_lng AS "originLng",
           o.origin_postal_code AS "originPostalCode", o.origin_country AS "originCountry", o.origin_radius_km AS "originRadiusKm",
           o.dest_region AS "destRegion", o.dest_country AS "destCountry", o.dest_lat AS "destLat", o.dest_lng AS "destLng",
           o.body_type AS "bodyType", o.capacity_kg AS "capacityKg"
    FROM availability_offers o LEFT JOIN units u ON u.id = o.unit_id
    WHERE o.company_id = ${companyId} AND o.source_key = ANY(${keys}::text[])
    FOR UPDATE OF o`;
  return new Map(rows.map((r) => [r.sourceKey, toOfferFields(r)]));
};

/** Writes the offers and emits their events in one transaction; returns the source keys it wrote. */
const writeOffers = async (input: TOfferWrite): Promise<Set<string>> =>
  db.$transaction(async (tx) => {
    const { companyId, connectionId, messageId, offers, callbackUrl = null, now = new Date() } = input;
    const stored = await loadStoredOffers(tx, companyId, offers.map((o) => o.sourceKey));
    const written = await upsertOfferRows(tx, input);
    const byKey = new Map(offers.map((o) => [o.sourceKey, o]));
    const origin = { companyId, connectionId, messageId, callbackUrl };
    await emitEvents({ tx, now, events: [...written].flatMap((key) => offerEventsOf({ before: stored.get(key), after: byKey.get(key)!, origin, now })) });
    return written;
  });

/** The upsert itself; returns the source keys it wrote. */
const upsertOfferRows = async (tx: TTx, { companyId, messageId, receivedAt, offers }: TOfferWrite): Promise<Set<string>> => {
  const rows = await tx.$queryRaw<{ source_key: string }[]>`
    INSERT INTO availability_offers (id, company_id, source_key, external_offer_id, unit_id, available_from, available_to,
      origin_lat, origin_lng, origin_postal_code, origin_country, origin_radius_km, dest_region, dest_country, dest_lat, dest_lng,
      body_type, capacity_kg, message_id, updated_at)
    SELECT gen_random_uuid()::text, ${companyId}, v.source_key, v.offer_id, u.id, v.available_from::timestamptz, v.available_to::timestamptz,
      v.origin_lat, v.origin_lng, v.origin_postal, v.origin_country, v.radius, v.dest_region, v.dest_country, v.dest_lat, v.dest_lng,
      v.body_type, v.capacity, ${messageId}, ${receivedAt}
    FROM unnest(${col(offers, "sourceKey")}::text[], ${col(offers, "externalOfferId")}::text[], ${col(offers, "externalUnitId")}::text[],
                ${iso(col(offers, "availableFrom"))}::text[], ${iso(col(offers, "availableTo"))}::text[],
                ${col(offers, "originLat")}::float8[], ${col(offers, "originLng")}::float8[], ${col(offers, "originPostalCode")}::text[],
                ${col(offers, "originCountry")}::text[], ${col(offers, "originRadiusKm")}::float8[], ${col(offers, "destRegion")}::text[],
                ${col(offers, "destCountry")}::text[], ${col(offers, "destLat")}::float8[], ${col(offers, "destLng")}::float8[],
                ${col(offers, "bodyType")}::text[], ${col(offers, "capacityKg")}::float8[])
         AS v(source_key, offer_id, unit_ext, available_from, available_to, origin_lat, origin_lng, origin_postal, origin_country, radius,
              dest_region, dest_country, dest_lat, dest_lng, body_type, capacity)
    LEFT JOIN units u ON u.company_id = ${companyId} AND u.external_unit_id = v.unit_ext
    ON CONFLICT (company_id, source_key) DO UPDATE SET
      external_offer_id = EXCLUDED.external_offer_id, unit_id = EXCLUDED.unit_id, available_from = EXCLUDED.available_from,
      available_to = EXCLUDED.available_to, origin_lat = EXCLUDED.origin_lat, origin_lng = EXCLUDED.origin_lng,
      origin_postal_code = EXCLUDED.origin_postal_code, origin_country = EXCLUDED.origin_country, origin_radius_km = EXCLUDED.origin_radius_km,
      dest_region = EXCLUDED.dest_region, dest_country = EXCLUDED.dest_country, dest_lat = EXCLUDED.dest_lat, dest_lng = EXCLUDED.dest_lng,
      body_type = EXCLUDED.body_type, capacity_kg = EXCLUDED.capacity_kg, message_id = EXCLUDED.message_id, updated_at = EXCLUDED.updated_at,
      -- A new end of availability may expire again.
      expired_event_at = CASE WHEN EXCLUDED.available_to IS DISTINCT FROM availability_offers.available_to THEN NULL ELSE availability_offers.expired_event_at END
    WHERE EXCLUDED.updated_at >= availability_offers.updated_at
    RETURNING source_key`;
  return new Set(rows.map((r) => r.source_key));
};

/** Upserts a message's offers; older ones are dropped with `stale_offer`, refused values with `unstorable_value`. */
export const upsertOffers = (input: TOfferWrite): Promise<TOfferResult> =>
  upsertOrderedEntries({
    entries: input.offers,
    section: "availability",
    keyOf: (o) => o.sourceKey,
    indexOf: (o) => o.index,
    write: (offers) => writeOffers({ ...input, offers }),
    stale: { reason: "stale_offer", detail: (o) => `A newer version of offer ${o.externalOfferId ?? o.sourceKey} is already stored` },
  });
