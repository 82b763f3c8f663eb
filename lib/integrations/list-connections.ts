import { db } from "@/lib/db/client";
import { messageStats, statsFor } from "./message-stats";
import { toConnectionView } from "./to-connection-view";
import type { TConnectionView } from "./types";

/** The company's live connections, newest first; or, with `deleted`, its deleted ones, most recently deleted first. */
export const listConnections = async ({ companyId, deleted = false, now = new Date() }: { companyId: string; deleted?: boolean; now?: Date }): Promise<TConnectionView[]> => {
  const rows = await db.connection.findMany({
    where: { companyId, deletedAt: deleted ? { not: null } : null },
    include: { createdBy: { select: { name: true } } },
    orderBy: deleted ? [{ deletedAt: "desc" }, { id: "desc" }] : { createdAt: "desc" },
  });
  const stats = await messageStats({ companyId, connectionIds: rows.map((r) => r.id), now });
  return rows.map((row) => toConnectionView({ row, stats: statsFor(stats, row.id), createdByName: row.createdBy?.name ?? null, now }));
};
