import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/integrations/record-audit";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { CALLBACK_EVENTS } from "@/lib/callbacks/catalogue";
import { emitEvents } from "@/lib/callbacks/events/emit-events";
import { findEndpointOrThrow } from "@/lib/callbacks/endpoints/find-endpoint";
import { runClaimedAttempts } from "./run-claimed-attempts";
import type { TAttemptOutcome, TCallbackTransport } from "./types";

const TEST_LEASE_MS = 5 * 60_000;

/**
 * "Send test event": emits `callbacks.endpoint.test` to this endpoint only and attempts it at once through the
 * real delivery path (trigger `test`). A paused or disabled endpoint gets it held, and the outcome says so.
 */
export const sendTestEvent = async ({ actor, endpointId, transport }: { actor: TActor; endpointId: string; transport?: TCallbackTransport }): Promise<TAttemptOutcome> => {
  assertAdmin(actor);
  const now = new Date();
  const lease = new Date(now.getTime() + TEST_LEASE_MS);
  const { deliveryId, status } = await db.$transaction(async (tx) => {
    const endpoint = await findEndpointOrThrow({ companyId: actor.companyId, endpointId, client: tx, lock: true });
    const emitted = await emitEvents({
      tx, now,
      events: [{ companyId: actor.companyId, connectionId: endpoint.connectionId, eventName: "callbacks.endpoint.test", objectId: endpointId, occurredAt: now, data: { ...CALLBACK_EVENTS["callbacks.endpoint.test"].example, endpointId }, onlyEndpointId: endpointId }],
    });
    const id = emitted.deliveryIds[0]!;
    await recordAudit({ tx, actor, connectionId: endpoint.connectionId, action: "callback_test_sent", details: { endpointId, url: endpoint.url, deliveryId: id } });
    // Claimed before the commit, so the dispatcher cannot send it first: this attempt is the one reported.
    await tx.$executeRaw`UPDATE callback_deliveries SET locked_until = ${lease}::timestamptz WHERE id = ${id} AND status = 'pending'`;
    return { deliveryId: id, status: endpoint.status };
  });
  if (status !== "active") {
    const paused = status === "paused";
    return {
      deliveryId, succeeded: false, httpStatus: null, durationMs: 0, errorCode: paused ? "endpoint_paused" : "endpoint_disabled",
      errorMessage: paused ? "The endpoint is paused: the test event is held and sent when it is resumed." : "The endpoint is disabled: the test event is held and sent when it is enabled again.",
      status: "held", nextAttemptAt: null,
    };
  }
  const outcomes = await runClaimedAttempts({ claims: [{ deliveryId, lease }], trigger: "test", transport });
  return outcomes.get(deliveryId) ?? { deliveryId, succeeded: false, httpStatus: null, durationMs: 0, errorCode: "endpoint_deleted", errorMessage: "The endpoint was deleted: nothing was recorded.", status: "aborted", nextAttemptAt: null };
};
