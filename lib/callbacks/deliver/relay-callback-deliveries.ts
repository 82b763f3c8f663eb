// Inngest mode: hands due deliveries to Inngest, one `callbacks/delivery.created`
// event each, and marks them dispatched. Called after commits (kick) and every
// minute by a cron function, so a crash between commit and send loses nothing.
// Sent before marked: a crash in between sends again, and Inngest drops the
// repeated event id (24 hours).
import { db } from "@/lib/db/client";
import { callbackDeliveryCreated, inngest } from "@/inngest/client";

const BATCH = 500;

type TRow = { id: string; endpoint_id: string | null; next_attempt_at: Date | null; created_at: Date };

/**
 * The event id of a delivery's dispatch: the delivery id the first time; after a release or a recovery
 * (which re-queue with a new due time) the id plus that time, as Inngest would drop a repeated id.
 */
export const deliveryEventId = (row: { id: string; nextAttemptAt: Date | null; createdAt: Date }): string =>
  row.nextAttemptAt === null || row.nextAttemptAt.getTime() === row.createdAt.getTime() ? row.id : `${row.id}-${row.nextAttemptAt.getTime()}`;

/** Sends every undispatched pending delivery to Inngest; returns how many were sent. */
export const relayCallbackDeliveries = async ({ limit = 10_000 }: { limit?: number } = {}): Promise<{ relayed: number }> => {
  let relayed = 0;
  while (relayed < limit) {
    const rows = await db.$queryRaw<TRow[]>`
      SELECT id, endpoint_id, next_attempt_at, created_at FROM callback_deliveries
      WHERE dispatched_at IS NULL AND status IN ('pending', 'failed')
      ORDER BY created_at LIMIT ${Math.min(BATCH, limit - relayed)}`;
    if (rows.length === 0) break;
    await inngest.send(rows.map((r) => callbackDeliveryCreated.create({ deliveryId: r.id, endpointId: r.endpoint_id }, { id: deliveryEventId({ id: r.id, nextAttemptAt: r.next_attempt_at, createdAt: r.created_at }) })));
    await db.$executeRaw`UPDATE callback_deliveries SET dispatched_at = now() WHERE id = ANY(${rows.map((r) => r.id)}::text[]) AND dispatched_at IS NULL`;
    relayed += rows.length;
    if (rows.length < BATCH) break;
  }
  return { relayed };
};
