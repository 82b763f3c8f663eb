import type { TTx } from "@/lib/db/client";
import type { ConnectionAuditAction } from "@/lib/db/generated/enums";
import type { TActor } from "@/lib/users/types";

/** Appends one entry to a connection's audit trail, inside the change's transaction; returns its id. */
export const recordAudit = async ({ tx, actor, connectionId, action, details = {} }: { tx: TTx; actor: TActor; connectionId: string; action: ConnectionAuditAction; details?: Record<string, string | null> }): Promise<string> => {
  const user = await tx.user.findUnique({ where: { id: actor.id }, select: { name: true } });
  const event = await tx.connectionAuditEvent.create({
    data: { companyId: actor.companyId, connectionId, action, actorId: actor.id, actorName: user?.name ?? "Unknown user", details },
    select: { id: true },
  });
  return event.id;
};
