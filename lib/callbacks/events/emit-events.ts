// The transactional outbox. Events are written with the transaction of the
// change that causes them (pass its `tx`): a rolled-back change emits
// nothing, a committed one loses nothing. Fan-out happens in the same
// statement: one delivery per (event, matching endpoint), plus one to the
// message's own callback_url. Deliveries to a paused or disabled endpoint are
// created `held`, so nothing is lost while it is off. An event nobody would
// receive (or of a deleted connection) is not stored. An event with a dedupe key is stored once ever, so
// running its cause again (re-processing a message) emits nothing.
import type { TTx } from "@/lib/db/client";
import type { TCallbackEventName } from "@/lib/callbacks/catalogue";
import { newCallbackId } from "@/lib/callbacks/new-callback-id";
import { fitCallbackData } from "./fit-callback-data";

export type TNewEvent = {
  companyId: string;
  connectionId: string;
  eventName: TCallbackEventName;
  /** The object's id as the integrator knows it: messageId, externalPlanId, externalOfferId, externalUnitId, connection id. */
  objectId: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  /** Set for events that happen once per cause ("plans.plan.created:<plan row id>"); a second emission is ignored. */
  dedupeKey?: string | null;
  messageId?: string | null;
  /** A message's callback_url: the event also goes there, signed with the connection's inbound secret. */
  callbackUrl?: string | null;
  /** Only to this endpoint (test events), instead of every matching endpoint. */
  onlyEndpointId?: string | null;
};

export type TEmitted = { eventIds: string[]; deliveryIds: string[] };

/** Writes events and their deliveries inside `tx`; returns the ids that were stored (duplicates and unheard events are not). */
export const emitEvents = async ({ tx, events, now = new Date() }: { tx: TTx; events: TNewEvent[]; now?: Date }): Promise<TEmitted> => {
  if (events.length === 0) return { eventIds: [], deliveryIds: [] };
  const ids = events.map(() => newCallbackId("evt", now.getTime()));
  const rows = await tx.$queryRaw<{ event_id: string; delivery_id: string | null }[]>`
    WITH v AS (
      SELECT * FROM unnest(${ids}::text[], ${events.map((e) => e.companyId)}::text[], ${events.map((e) => e.connectionId)}::text[],
                           ${events.map((e) => e.eventName)}::text[], ${events.map((e) => e.objectId)}::text[],
                           ${events.map((e) => e.occurredAt.toISOString())}::text[], ${events.map((e) => JSON.stringify(fitCallbackData(e.data)))}::text[],
                           ${events.map((e) => e.dedupeKey ?? null)}::text[], ${events.map((e) => e.messageId ?? null)}::text[],
                           ${events.map((e) => e.callbackUrl ?? null)}::text[], ${events.map((e) => e.onlyEndpointId ?? null)}::text[])
        WITH ORDINALITY AS v(id, company_id, connection_id, event_name, object_id, occurred_at, data, dedupe_key, message_id, callback_url, only_endpoint, ord)
    ), live AS (
      -- A deleted connection tells no one (messages landed before the deletion may still be processed).
      SELECT v.* FROM v JOIN connections c ON c.id = v.connection_id AND c.deleted_at IS NULL
    ), recipients AS (
      SELECT v.id AS event_id, e.id AS endpoint_id, NULL::text AS target_url, e.status::text AS endpoint_status
      FROM live v JOIN callback_endpoints e
        ON e.connection_id = v.connection_id AND e.company_id = v.company_id AND e.deleted_at IS NULL
       AND (cardinality(e.event_types) = 0 OR v.event_name = ANY(e.event_types))
       AND (v.only_endpoint IS NULL OR e.id = v.only_endpoint)
      UNION ALL
      SELECT v.id, NULL, v.callback_url, 'active' FROM live v WHERE v.callback_url IS NOT NULL
    ), numbered AS (
      SELECT v.*, nextval(pg_get_serial_sequence('callback_events', 'sequence')) AS seq
      FROM v WHERE EXISTS (SELECT 1 FROM recipients r WHERE r.event_id = v.id)
      ORDER BY v.ord
    ), ins AS (
      INSERT INTO callback_events (id, company_id, connection_id, event_name, object_id, sequence, occurred_at, body, dedupe_key, message_id)
      SELECT n.id, n.company_id, n.connection_id, n.event_name, n.object_id, n.seq, n.occurred_at::timestamptz,
             -- The body is assembled once, here, with its final sequence; these bytes are what is signed and sent.
             '{"id":' || to_json(n.object_id)::text || ',"event_id":' || to_json(n.id)::text || ',"event_name":' || to_json(n.event_name)::text
               || ',"occurred_at":' || to_json(to_char(n.occurred_at::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
               || ',"sequence":' || n.seq::text || ',"data":' || n.data || '}',
             n.dedupe_key, n.message_id
      FROM numbered n
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id, company_id, connection_id, event_name, object_id
    ), dlv AS (
      INSERT INTO callback_deliveries (id, company_id, connection_id, event_id, endpoint_id, target_url, event_name, object_id, status, next_attempt_at, created_at)
      SELECT 'dlv_' || replace(gen_random_uuid()::text, '-', ''), ins.company_id, ins.connection_id, ins.id, r.endpoint_id, r.target_url,
             ins.event_name, ins.object_id,
             (CASE WHEN r.endpoint_status = 'active' THEN 'pending' ELSE 'held' END)::"CallbackDeliveryStatus",
             CASE WHEN r.endpoint_status = 'active' THEN ${now}::timestamptz ELSE NULL END, ${now}::timestamptz
      FROM ins JOIN recipients r ON r.event_id = ins.id
      RETURNING id, event_id
    )
    SELECT ins.id AS event_id, dlv.id AS delivery_id FROM ins LEFT JOIN dlv ON dlv.event_id = ins.id`;
  return {
    eventIds: [...new Set(rows.map((r) => r.event_id))],
    deliveryIds: rows.flatMap((r) => (r.delivery_id ? [r.delivery_id] : [])),
  };
};
