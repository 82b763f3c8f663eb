// Events that fire because time passed, not because a message arrived: a unit
// gone silent, an offer past its availableTo, a rotation grace ending within
// the hour. Each kind marks what it reported in the same transaction as the
// event (units.silent_since, availability_offers.expired_event_at, a dedupe
// key for grace), so a sweep run twice, or on two instances, reports once.
// Run every minute: by the in-process timer, or the Inngest cron function.
import { db } from "@/lib/db/client";
import { emitEvents, type TNewEvent } from "./emit-events";
import { toFixView } from "./unit-events";
import { offerObjectId, toOfferFields, toOfferView } from "./offer-events";

// Only recent transitions: a unit silent for months (or an offer long expired) when this feature arrived is not news.
const LOOKBACK = "7 days";
const BATCH = 1_000;
const GRACE_NOTICE_MS = 60 * 60_000;

type TSilentRow = {
  id: string; company_id: string; connection_id: string; ext: string; latest_at: Date; lat: number; lng: number; speed: number | null; heading: number | null;
  moving: boolean | null; ignition: boolean | null; message_id: string | null; threshold: number;
};

/** Marks units silent past their connection's threshold and emits monitoring.unit.silent. */
const emitSilentUnits = async (now: Date): Promise<number> =>
  db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<TSilentRow[]>`
      WITH due AS (
        SELECT u.id, c.company_id, c.id AS connection_id, COALESCE((c.settings->>'silenceThresholdMinutes')::int, 30) AS threshold
        FROM units u JOIN inbound_messages m ON m.id = u.latest_message_id JOIN connections c ON c.id = m.connection_id AND c.deleted_at IS NULL
        WHERE u.silent_since IS NULL AND u.latest_at > ${now}::timestamptz - ${LOOKBACK}::interval
          AND u.latest_at < ${now}::timestamptz - make_interval(mins => COALESCE((c.settings->>'silenceThresholdMinutes')::int, 30))
        ORDER BY u.latest_at LIMIT ${BATCH}
        FOR UPDATE OF u SKIP LOCKED
      )
      UPDATE units u SET silent_since = ${now}::timestamptz FROM due WHERE u.id = due.id
      RETURNING u.id, due.company_id, due.connection_id, u.external_unit_id AS ext, u.latest_at, u.latest_lat AS lat, u.latest_lng AS lng,
                u.latest_speed_kmh AS speed, u.latest_heading_deg AS heading, u.latest_is_moving AS moving, u.latest_ignition_on AS ignition,
                u.latest_message_id AS message_id, due.threshold`;
    const events: TNewEvent[] = rows.map((r) => ({
      companyId: r.company_id, connectionId: r.connection_id, eventName: "monitoring.unit.silent", objectId: r.ext, occurredAt: now,
      dedupeKey: `monitoring.unit.silent:${r.id}:${now.toISOString()}`,
      data: {
        lastFix: toFixView({ externalUnitId: r.ext, at: r.latest_at, lat: r.lat, lng: r.lng, speedKmh: r.speed, headingDeg: r.heading, isMoving: r.moving, ignitionOn: r.ignition }, r.message_id),
        silentForSeconds: Math.round((now.getTime() - r.latest_at.getTime()) / 1000),
        thresholdMinutes: r.threshold,
      },
    }));
    await emitEvents({ tx, events, now });
    return rows.length;
  });

type TExpiredRow = Parameters<typeof toOfferFields>[0] & { company_id: string; connection_id: string; source_key: string; message_id: string };

/** Marks offers past their availableTo and emits availability.offer.expired. */
const emitExpiredOffers = async (now: Date): Promise<number> =>
  db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<TExpiredRow[]>`
      WITH due AS (
        SELECT o.id, m.connection_id FROM availability_offers o JOIN inbound_messages m ON m.id = o.message_id
        JOIN connections c ON c.id = m.connection_id AND c.deleted_at IS NULL
        WHERE o.expired_event_at IS NULL AND o.available_to <= ${now}::timestamptz AND o.available_to > ${now}::timestamptz - ${LOOKBACK}::interval
        ORDER BY o.available_to LIMIT ${BATCH}
        FOR UPDATE OF o SKIP LOCKED
      )
      UPDATE availability_offers o SET expired_event_at = ${now}::timestamptz FROM due WHERE o.id = due.id
      RETURNING o.company_id, due.connection_id, o.source_key, o.message_id, o.external_offer_id AS "externalOfferId",
        (SELECT external_unit_id FROM units WHERE id = o.unit_id) AS "externalUnitId", o.available_from AS "availableFrom", o.available_to AS "availableTo",
        o.origin_lat AS "originLat", o.origin_lng AS "originLng", o.origin_postal_code AS "originPostalCode", o.origin_country AS "originCountry",
        o.origin_radius_km AS "originRadiusKm", o.dest_region AS "destRegion", o.dest_country AS "destCountry", o.dest_lat AS "destLat", o.dest_lng AS "destLng",
        o.body_type AS "bodyType", o.capacity_kg AS "capacityKg"`;
    const events: TNewEvent[] = rows.map((r) => ({
      companyId: r.company_id, connectionId: r.connection_id, eventName: "availability.offer.expired",
      objectId: offerObjectId({ externalOfferId: r.externalOfferId, sourceKey: r.source_key }), occurredAt: now,
      dedupeKey: `availability.offer.expired:${r.company_id}:${r.source_key}:${new Date(r.availableTo!).toISOString()}`,
      data: { offer: toOfferView(toOfferFields(r), r.message_id) },
    }));
    await emitEvents({ tx, events, now });
    return rows.length;
  });

/** Emits connections.grace.ending for every rotation grace that ends within the hour (once per grace). */
const emitGraceEnding = async (now: Date): Promise<number> =>
  db.$transaction(async (tx) => {
    const soon = new Date(now.getTime() + GRACE_NOTICE_MS);
    const rows = await tx.$queryRaw<{ id: string; company_id: string; credential: "token" | "secret"; ends_at: Date }[]>`
      SELECT id, company_id, 'token' AS credential, previous_token_expires_at AS ends_at FROM connections
      WHERE deleted_at IS NULL AND previous_token_hash IS NOT NULL AND previous_token_expires_at > ${now}::timestamptz AND previous_token_expires_at <= ${soon}::timestamptz
      UNION ALL
      SELECT id, company_id, 'secret', previous_secret_expires_at FROM connections
      WHERE deleted_at IS NULL AND previous_secret_ciphertext IS NOT NULL AND previous_secret_expires_at > ${now}::timestamptz AND previous_secret_expires_at <= ${soon}::timestamptz`;
    const events: TNewEvent[] = rows.map((r) => ({
      companyId: r.company_id, connectionId: r.id, eventName: "connections.grace.ending", objectId: r.id, occurredAt: now,
      dedupeKey: `connections.grace.ending:${r.id}:${r.credential}:${r.ends_at.toISOString()}`,
      data: { credential: r.credential, endsAt: r.ends_at.toISOString() },
    }));
    return (await emitEvents({ tx, events, now })).eventIds.length;
  });

/** Runs every timed rule once; returns how many objects each reported. */
export const emitTimedEvents = async ({ now = new Date() }: { now?: Date } = {}): Promise<{ silentUnits: number; expiredOffers: number; gracesEnding: number }> => ({
  silentUnits: await emitSilentUnits(now),
  expiredOffers: await emitExpiredOffers(now),
  gracesEnding: await emitGraceEnding(now),
});
