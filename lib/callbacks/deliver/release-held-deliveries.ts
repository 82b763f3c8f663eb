import type { TTx } from "@/lib/db/client";

/**
 * Makes an endpoint's held deliveries due now (call it inside the transaction that resumes or enables the
 * endpoint, then kickCallbackDeliveries() after the commit). They go out again with their schedule where it stood.
 */
export const releaseHeldDeliveries = async ({ tx, endpointId, now = new Date() }: { tx: TTx; endpointId: string; now?: Date }): Promise<{ released: number }> => {
  // dispatched_at NULL: in Inngest mode the relay starts a run for each again.
  const released = await tx.$executeRaw`
    UPDATE callback_deliveries SET status = 'pending', next_attempt_at = ${now}::timestamptz, dispatched_at = NULL
    WHERE endpoint_id = ${endpointId} AND status = 'held'`;
  return { released };
};
