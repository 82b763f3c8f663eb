import { db } from "@/lib/db/client";
import type { CallbackDeliveryStatus } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors/app-error";
import { toAttemptRow } from "./to-attempt-row";
import type { TDeliveryRow } from "./types";

export const DELIVERY_PAGE_SIZE = 25;

/**
 * An endpoint's delivery log, newest first, filtered by status and event name, a page at a time, each delivery
 * with its attempts (oldest first) and next attempt time. Another company's or a deleted endpoint is `not_found`.
 */
export const listDeliveries = async ({ companyId, endpointId, status, eventName, page = 1, pageSize = DELIVERY_PAGE_SIZE }: { companyId: string; endpointId: string; status?: CallbackDeliveryStatus; eventName?: string; page?: number; pageSize?: number }): Promise<{ deliveries: TDeliveryRow[]; page: number; hasMore: boolean }> => {
  const endpoint = await db.callbackEndpoint.findFirst({ where: { id: endpointId, companyId, deletedAt: null }, select: { id: true } });
  if (!endpoint) throw new AppError("not_found", "This callback endpoint does not exist.");
  const current = Math.max(1, Math.floor(page));
  const rows = await db.callbackDelivery.findMany({
    where: { companyId, endpointId, ...(status ? { status } : {}), ...(eventName ? { eventName } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * pageSize,
    // One more than a page tells whether there is an older page.
    take: pageSize + 1,
    include: { attemptsLog: { orderBy: [{ startedAt: "asc" }, { id: "asc" }], take: 50 } },
  });
  return {
    page: current,
    hasMore: rows.length > pageSize,
    deliveries: rows.slice(0, pageSize).map((d) => ({
      id: d.id, eventId: d.eventId, eventName: d.eventName, objectId: d.objectId, status: d.status, attempts: d.attempts,
      nextAttemptAt: d.nextAttemptAt, lastAttemptAt: d.lastAttemptAt, createdAt: d.createdAt, attemptsLog: d.attemptsLog.map(toAttemptRow),
    })),
  };
};
