import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { toAttemptRow } from "./to-attempt-row";
import type { TDeliveryDetail } from "./types";

/** One delivery of the company with all its attempts and the stored body that is signed and sent; another company's is `not_found`. */
export const findDelivery = async ({ companyId, deliveryId }: { companyId: string; deliveryId: string }): Promise<TDeliveryDetail> => {
  const d = await db.callbackDelivery.findFirst({
    where: { id: deliveryId, companyId },
    include: { event: { select: { body: true, occurredAt: true, sequence: true } }, attemptsLog: { orderBy: [{ startedAt: "asc" }, { id: "asc" }] } },
  });
  if (!d) throw new AppError("not_found", "This delivery does not exist.");
  return {
    id: d.id, eventId: d.eventId, eventName: d.eventName, objectId: d.objectId, status: d.status, attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt, lastAttemptAt: d.lastAttemptAt, createdAt: d.createdAt, attemptsLog: d.attemptsLog.map(toAttemptRow),
    endpointId: d.endpointId, connectionId: d.connectionId, targetUrl: d.targetUrl, occurredAt: d.event.occurredAt, sequence: d.event.sequence.toString(), body: d.event.body,
  };
};
