import { db } from "@/lib/db/client";
import type { ConnectionAuditAction } from "@/lib/db/generated/enums";

export type TAuditEvent = { id: string; action: ConnectionAuditAction; actorName: string; details: Record<string, unknown>; createdAt: Date };

/** A connection's audit trail, newest first, scoped to the company. */
export const listAuditEvents = async ({ companyId, connectionId, take = 200 }: { companyId: string; connectionId: string; take?: number }): Promise<TAuditEvent[]> => {
  const rows = await db.connectionAuditEvent.findMany({
    where: { companyId, connectionId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
  return rows.map((r) => ({ id: r.id, action: r.action, actorName: r.actorName, details: (r.details ?? {}) as Record<string, unknown>, createdAt: r.createdAt }));
};
