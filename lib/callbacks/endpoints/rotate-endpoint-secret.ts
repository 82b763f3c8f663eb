import { resealIfReadable } from "@/lib/crypto/reseal-if-readable";
import { db } from "@/lib/db/client";
import { sealSecret } from "@/lib/crypto/secret-box";
import { graceDeadline } from "@/lib/integrations/grace";
import { recordAudit } from "@/lib/integrations/record-audit";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { endpointSecretContext } from "./endpoint-secret-context";
import { findEndpointOrThrow } from "./find-endpoint";
import { issueEndpointSecret } from "./issue-endpoint-secret";
import { overlapLabel, type TCallbackOverlap } from "./schemas";

/**
 * Issues a new signing secret for an endpoint. The old one stays (sealed) and keeps signing beside the new one
 * until the chosen overlap ends, so receivers can switch without missing an event; rotating again replaces it.
 * Returns the new secret once.
 */
export const rotateEndpointSecret = async ({ actor, endpointId, overlap, now = new Date() }: { actor: TActor; endpointId: string; overlap: TCallbackOverlap; now?: Date }): Promise<{ connectionId: string; secret: string; previousValidUntil: Date | null }> => {
  assertAdmin(actor);
  const { secret, hint } = issueEndpointSecret();
  const context = endpointSecretContext(endpointId);
  return db.$transaction(async (tx) => {
    const endpoint = await findEndpointOrThrow({ client: tx, companyId: actor.companyId, endpointId, lock: true });
    const wanted = graceDeadline({ choice: overlap, now });
    const outgoing = wanted ? resealIfReadable({ sealed: endpoint.secretCiphertext, context }) : null;
    const previousValidUntil = outgoing ? wanted : null;
    await tx.callbackEndpoint.update({
      where: { id: endpoint.id },
      data: { secretCiphertext: sealSecret({ plaintext: secret, context }), secretHint: hint, secretIssuedAt: now, previousSecretCiphertext: outgoing, previousSecretExpiresAt: previousValidUntil, updatedAt: now },
    });
    const unreadable = wanted !== null && outgoing === null;
    await recordAudit({
      tx, actor, connectionId: endpoint.connectionId, action: "callback_secret_rotated",
      details: { endpointId, url: endpoint.url, overlap: overlapLabel(overlap), previousValidUntil: previousValidUntil?.toISOString() ?? null, ...(unreadable ? { previousUnreadable: "true" } : {}) },
    });
    return { connectionId: endpoint.connectionId, secret, previousValidUntil };
  });
};
