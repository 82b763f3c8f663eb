import { db } from "@/lib/db/client";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { lockConnection } from "./lock-connection";
import { recordAudit } from "./record-audit";
import { emitConnectionEvent } from "@/lib/callbacks/events/emit-connection-event";
import { kickCallbackDeliveries } from "@/lib/callbacks/deliver/kick-callback-deliveries";

/** Pauses (the front door answers 403) or resumes a connection. No-op if already so. */
export const setConnectionStatus = async ({ actor, connectionId, status }: { actor: TActor; connectionId: string; status: "active" | "paused" }): Promise<void> => {
  assertAdmin(actor);
  const changed = await db.$transaction(async (tx) => {
    const connection = await lockConnection({ tx, companyId: actor.companyId, connectionId });
    if (connection.status === status) return false;
    await tx.connection.update({ where: { id: connection.id }, data: { status } });
    await recordAudit({ tx, actor, connectionId, action: status === "paused" ? "paused" : "resumed" });
    await emitConnectionEvent({ tx, actor, connectionId, eventName: status === "paused" ? "connections.connection.paused" : "connections.connection.resumed" });
    return true;
  });
  if (changed) await kickCallbackDeliveries();
};
