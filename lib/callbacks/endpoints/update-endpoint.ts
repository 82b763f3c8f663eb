import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/integrations/record-audit";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { findEndpointOrThrow } from "./find-endpoint";
import { parseEndpointInput } from "./parse-endpoint-input";
import type { TEndpointInput } from "./schemas";

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Changes an endpoint's URL, description and event types; audited with what changed (nothing changed: no entry).
 * Deliveries not yet sent go to the new URL: the engine reads the endpoint's URL at every attempt.
 */
export const updateEndpoint = async ({ actor, endpointId, input, now = new Date() }: { actor: TActor; endpointId: string; input: TEndpointInput; now?: Date }): Promise<{ connectionId: string; changed: string[] }> => {
  assertAdmin(actor);
  const next = parseEndpointInput(input);
  return db.$transaction(async (tx) => {
    const endpoint = await findEndpointOrThrow({ client: tx, companyId: actor.companyId, endpointId, lock: true });
    const changed = [
      ...(endpoint.url !== next.url ? ["url"] : []),
      ...(endpoint.description !== next.description ? ["description"] : []),
      ...(!sameList(endpoint.eventTypes, next.eventTypes) ? ["eventTypes"] : []),
    ];
    if (changed.length === 0) return { connectionId: endpoint.connectionId, changed };
    await tx.callbackEndpoint.update({ where: { id: endpoint.id }, data: { ...next, updatedAt: now } });
    await recordAudit({
      tx, actor, connectionId: endpoint.connectionId, action: "callback_endpoint_updated",
      details: {
        endpointId, changed: changed.join(", "),
        ...(changed.includes("url") ? { fromUrl: endpoint.url, url: next.url } : { url: next.url }),
        ...(changed.includes("eventTypes") ? { eventTypes: next.eventTypes.length === 0 ? "all" : next.eventTypes.join(", ") } : {}),
      },
    });
    return { connectionId: endpoint.connectionId, changed };
  });
};
