import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { lockConnection } from "./lock-connection";
import { recordAudit } from "./record-audit";
import { announceEndpointDeleted } from "@/lib/callbacks/deliver/announce-endpoint-deleted";

/**
 * Deletes a connection: its token stops working at once (the front door only
 * finds live connections) and any grace ends. Fleet data already ingested stays.
 * Callbacks stop with it: every delivery still waiting (to an endpoint or a
 * message's callback_url) is aborted; its endpoints stay, read-only, with their
 * delivery logs, like the connection's messages.
 */
export const deleteConnection = async ({ actor, connectionId, confirmName, now = new Date() }: { actor: TActor; connectionId: string; confirmName: string; now?: Date }): Promise<void> => {
  assertAdmin(actor);
  const endpointIds = await db.$transaction(async (tx) => {
    const connection = await lockConnection({ tx, companyId: actor.companyId, connectionId });
    if (confirmName.trim() !== connection.name) throw new AppError("validation_failed", "Type the connection's name exactly to confirm.");
    await tx.connection.update({
      where: { id: connection.id },
      data: { deletedAt: now, previousTokenHash: null, previousTokenExpiresAt: null, previousSecretCiphertext: null, previousSecretExpiresAt: null },
    });
    const endpoints = await tx.callbackEndpoint.findMany({ where: { connectionId, deletedAt: null }, select: { id: true } });
    await tx.callbackDelivery.updateMany({ where: { connectionId, status: { in: ["pending", "failed", "held"] } }, data: { status: "aborted", nextAttemptAt: null } });
    await recordAudit({ tx, actor, connectionId, action: "deleted", details: { name: connection.name } });
    return endpoints.map((e) => e.id);
  });
  for (const endpointId of endpointIds) await announceEndpointDeleted({ endpointId });
};
