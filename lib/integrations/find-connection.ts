import { db } from "@/lib/db/client";
import { messageStats, statsFor } from "./message-stats";
import { toConnectionView } from "./to-connection-view";
import type { TConnectionView } from "./types";

/**
 * One connection of the company, or null (another company's is simply not there).
 * Deleted ones only with `includeDeleted`, for their read-only page.
 */
export const findConnection = async ({ companyId, connectionId, includeDeleted = false, now = new Date() }: { companyId: string; connectionId: string; includeDeleted?: boolean; now?: Date }): Promise<TConnectionView | null> => {
  const row = await db.connection.findFirst({
    where: { id: connectionId, companyId, ...(includeDeleted ? {} : { deletedAt: null }) },
    include: { createdBy: { select: { name: true } } },
  });
  if (!row) return null;
  const stats = await messageStats({ companyId, connectionIds: [row.id], now });
  return toConnectionView({ row, stats: statsFor(stats, row.id), createdByName: row.createdBy?.name ?? null, now });
};
