import { db } from "@/lib/db/client";
import { messageStats, statsFor } from "./message-stats";
import { toConnectionView } from "./to-connection-view";
import type { TConnectionView } from "./types";

/** The company's live connections, newest first. */
export const listConnections = async ({ companyId, now = new Date() }: { companyId: string; now?: Date }): Promise<TConnectionView[]> => {
  const rows = await db.connection.findMany({
    where: { companyId, deletedAt: null },
    include: { createdBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
  const stats = await messageStats({ companyId, connectionIds: rows.map((r) => r.id), now });
  return rows.map((row) => toConnectionView({ row, stats: statsFor(stats, row.id), createdByName: row.createdBy?.name ?? null, now }));
};
