import { db } from "@/lib/db/client";
import { messageStats, statsFor } from "./message-stats";
import { toConnectionView } from "./to-connection-view";
import type { TConnectionView } from "./types";

/** One live connection of the company, or null (another company's is simply not there). */
export const findConnection = async ({ companyId, connectionId, now = new Date() }: { companyId: string; connectionId: string; now?: Date }): Promise<TConnectionView | null> => {
  const row = await db.connection.findFirst({
    where: { id: connectionId, companyId, deletedAt: null },
    include: { createdBy: { select: { name: true } } },
  });
  if (!row) return null;
  const stats = await messageStats({ companyId, connectionIds: [row.id], now });
  return toConnectionView({ row, stats: statsFor(stats, row.id), createdByName: row.createdBy?.name ?? null, now });
};
