import { db } from "@/lib/db/client";
import { announceEndpointDeleted } from "@/lib/callbacks/deliver/announce-endpoint-deleted";
import { recordAudit } from "@/lib/integrations/record-audit";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { findEndpointOrThrow } from "./find-endpoint";

/**
 * Deletes an endpoint (kept, marked deleted, for its audit entries): no event reaches it any more, and its
 * deliveries still waiting (pending, retrying, held) are aborted. In Inngest mode its runs are cancelled too.
 */
export const deleteEndpoint = async ({ actor, endpointId, now = new Date() }: { actor: TActor; endpointId: string; now?: Date }): Promise<{ connectionId: string; aborted: number }> => {
  assertAdmin(actor);
  const result = await db.$transaction(async (tx) => {
    const endpoint = await findEndpointOrThrow({ client: tx, companyId: actor.companyId, endpointId, lock: true });
    await tx.callbackEndpoint.update({ where: { id: endpoint.id }, data: { deletedAt: now, previousSecretCiphertext: null, previousSecretExpiresAt: null, updatedAt: now } });
    const { count } = await tx.callbackDelivery.updateMany({ where: { endpointId, status: { in: ["pending", "failed", "held"] } }, data: { status: "aborted", nextAttemptAt: null } });
    await recordAudit({ tx, actor, connectionId: endpoint.connectionId, action: "callback_endpoint_deleted", details: { endpointId, url: endpoint.url, description: endpoint.description, aborted: String(count) } });
    return { connectionId: endpoint.connectionId, aborted: count };
  });
  // After the commit: in Inngest mode this cancels the endpoint's runs (they also skip a deleted endpoint on their own).
  await announceEndpointDeleted({ endpointId });
  return result;
};
