import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { findEndpointOrThrow } from "@/lib/callbacks/endpoints/find-endpoint";
import { attemptDelivery } from "./attempt-delivery";
import type { TAttemptOutcome, TCallbackTransport } from "./types";

/**
 * "Resend": one manual attempt of a delivery of the actor's company, with the same webhook-id. It does not
 * consume the schedule; a success marks the delivery succeeded. Another company's delivery is `not_found`.
 */
export const resendDelivery = async ({ actor, deliveryId, transport }: { actor: TActor; deliveryId: string; transport?: TCallbackTransport }): Promise<TAttemptOutcome> => {
  assertAdmin(actor);
  const delivery = await db.callbackDelivery.findFirst({ where: { id: deliveryId, companyId: actor.companyId }, select: { endpointId: true, connectionId: true } });
  if (!delivery) throw new AppError("not_found", "This delivery does not exist.");
  if (delivery.endpointId) await findEndpointOrThrow({ companyId: actor.companyId, endpointId: delivery.endpointId });
  else if (!(await db.connection.findFirst({ where: { id: delivery.connectionId, companyId: actor.companyId, deletedAt: null }, select: { id: true } }))) throw new AppError("not_found", "This delivery does not exist.");
  return attemptDelivery({ deliveryId, trigger: "manual", transport });
};
