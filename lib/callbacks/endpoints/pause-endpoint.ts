import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/integrations/record-audit";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { findEndpointOrThrow } from "./find-endpoint";

/**
 * Pauses an active endpoint: nothing more is sent until it is resumed. Its deliveries waiting for an attempt
 * are held (as new ones are while it is paused), so resuming sends them all. Already paused: no change.
 */
export const pauseEndpoint = async ({ actor, endpointId, now = new Date() }: { actor: TActor; endpointId: string; now?: Date }): Promise<{ connectionId: string; held: number }> => {
  assertAdmin(actor);
  return db.$transaction(async (tx) => {
    const endpoint = await findEndpointOrThrow({ client: tx, companyId: actor.companyId, endpointId, lock: true });
    if (endpoint.status === "paused") return { connectionId: endpoint.connectionId, held: 0 };
    if (endpoint.status === "disabled") throw new AppError("conflict", "This endpoint is disabled, so nothing is sent to it. Re-enable it instead.");
    await tx.callbackEndpoint.update({ where: { id: endpoint.id }, data: { status: "paused", updatedAt: now } });
    const { count } = await tx.callbackDelivery.updateMany({ where: { endpointId, status: { in: ["pending", "failed"] } }, data: { status: "held", nextAttemptAt: null } });
    await recordAudit({ tx, actor, connectionId: endpoint.connectionId, action: "callback_endpoint_paused", details: { endpointId, url: endpoint.url, held: String(count) } });
    return { connectionId: endpoint.connectionId, held: count };
  });
};
