import { db } from "@/lib/db/client";
import { kickCallbackDeliveries } from "@/lib/callbacks/deliver/kick-callback-deliveries";
import { releaseHeldDeliveries } from "@/lib/callbacks/deliver/release-held-deliveries";
import { recordAudit } from "@/lib/integrations/record-audit";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { findEndpointOrThrow } from "./find-endpoint";

/**
 * Resumes a paused endpoint, or re-enables a disabled one (clearing its reason and failure streak), and releases
 * every delivery held meanwhile in the same transaction, so nothing that happened while it was off is lost.
 * Already active: no change.
 */
export const resumeEndpoint = async ({ actor, endpointId, now = new Date() }: { actor: TActor; endpointId: string; now?: Date }): Promise<{ connectionId: string; from: "active" | "paused" | "disabled" }> => {
  assertAdmin(actor);
  const result = await db.$transaction(async (tx) => {
    const endpoint = await findEndpointOrThrow({ client: tx, companyId: actor.companyId, endpointId, lock: true });
    if (endpoint.status === "active") return { connectionId: endpoint.connectionId, from: endpoint.status };
    await tx.callbackEndpoint.update({
      where: { id: endpoint.id },
      data: { status: "active", disabledReason: null, disabledAt: null, consecutiveFailures: 0, failingSince: null, lastError: null, updatedAt: now },
    });
    await releaseHeldDeliveries({ tx, endpointId, now });
    await recordAudit({
      tx, actor, connectionId: endpoint.connectionId, action: "callback_endpoint_resumed",
      details: { endpointId, url: endpoint.url, from: endpoint.status, ...(endpoint.status === "disabled" ? { disabledReason: endpoint.disabledReason } : {}) },
    });
    return { connectionId: endpoint.connectionId, from: endpoint.status };
  });
  // After the commit: the released deliveries are due now.
  if (result.from !== "active") await kickCallbackDeliveries();
  return result;
};
