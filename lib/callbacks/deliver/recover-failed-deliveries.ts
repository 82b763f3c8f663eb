import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/integrations/record-audit";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { findEndpointOrThrow } from "@/lib/callbacks/endpoints/find-endpoint";
import { kickCallbackDeliveries } from "./kick-callback-deliveries";

/**
 * "Recover failed since…": every failed or exhausted delivery of the endpoint created since `since` is due
 * again now, its schedule restarted (held instead while the endpoint is paused or disabled). Audited.
 */
export const recoverFailedDeliveries = async ({ actor, endpointId, since, now = new Date() }: { actor: TActor; endpointId: string; since: Date; now?: Date }): Promise<{ requeued: number }> => {
  assertAdmin(actor);
  const requeued = await db.$transaction(async (tx) => {
    const endpoint = await findEndpointOrThrow({ companyId: actor.companyId, endpointId, client: tx, lock: true });
    const active = endpoint.status === "active";
    // A row an attempt holds right now is left to that attempt.
    const count = await tx.$executeRaw`
      UPDATE callback_deliveries
      SET status = ${active ? "pending" : "held"}::"CallbackDeliveryStatus", attempts = 0, next_attempt_at = ${active ? now : null}::timestamptz, dispatched_at = NULL
      WHERE endpoint_id = ${endpointId} AND company_id = ${actor.companyId} AND status IN ('failed', 'exhausted') AND created_at >= ${since}::timestamptz
        AND (locked_until IS NULL OR locked_until < ${now}::timestamptz)`;
    await recordAudit({ tx, actor, connectionId: endpoint.connectionId, action: "callback_deliveries_recovered", details: { endpointId, url: endpoint.url, since: since.toISOString(), requeued: String(count) } });
    return count;
  });
  await kickCallbackDeliveries();
  return { requeued };
};
