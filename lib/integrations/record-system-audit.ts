import type { TTx } from "@/lib/db/client";
import type { ConnectionAuditAction } from "@/lib/db/generated/enums";

/** The name the audit trail shows for what the portal did by itself (no user acted). */
export const SYSTEM_ACTOR_NAME = "Carrier portal";

/** Appends an entry the portal itself caused (e.g. a callback endpoint disabled after failing) to a connection's audit trail, inside `tx`. */
export const recordSystemAudit = async ({ tx, companyId, connectionId, action, details = {} }: { tx: TTx; companyId: string; connectionId: string; action: ConnectionAuditAction; details?: Record<string, string | null> }): Promise<string> => {
  const event = await tx.connectionAuditEvent.create({
    data: { companyId, connectionId, action, actorId: null, actorName: SYSTEM_ACTOR_NAME, details },
    select: { id: true },
  });
  return event.id;
};
