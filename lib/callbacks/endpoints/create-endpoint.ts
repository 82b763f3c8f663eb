import { db } from "@/lib/db/client";
import { sealSecret } from "@/lib/crypto/secret-box";
import { newCallbackId } from "@/lib/callbacks/new-callback-id";
import { AppError } from "@/lib/errors/app-error";
import { lockConnection } from "@/lib/integrations/lock-connection";
import { recordAudit } from "@/lib/integrations/record-audit";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { endpointSecretContext } from "./endpoint-secret-context";
import { issueEndpointSecret } from "./issue-endpoint-secret";
import { parseEndpointInput } from "./parse-endpoint-input";
import { MAX_ENDPOINTS_PER_CONNECTION, type TEndpointInput } from "./schemas";

/** Adds a callback endpoint to a live connection (at most 10 live ones); returns its signing secret, this once only. */
export const createEndpoint = async ({ actor, connectionId, input, now = new Date() }: { actor: TActor; connectionId: string; input: TEndpointInput; now?: Date }): Promise<{ endpointId: string; secret: string; secretHint: string }> => {
  assertAdmin(actor);
  const { url, description, eventTypes } = parseEndpointInput(input);
  const id = newCallbackId("cbe", now.getTime());
  const { secret, hint } = issueEndpointSecret();
  await db.$transaction(async (tx) => {
    // The connection's row lock serialises concurrent adds, so the limit cannot be overrun by two at once.
    await lockConnection({ tx, companyId: actor.companyId, connectionId });
    const live = await tx.callbackEndpoint.count({ where: { connectionId, deletedAt: null } });
    if (live >= MAX_ENDPOINTS_PER_CONNECTION) throw new AppError("conflict", `A connection can have at most ${MAX_ENDPOINTS_PER_CONNECTION} callback endpoints. Delete one before adding another.`);
    await tx.callbackEndpoint.create({
      data: {
        id, companyId: actor.companyId, connectionId, url, description, eventTypes,
        secretCiphertext: sealSecret({ plaintext: secret, context: endpointSecretContext(id) }),
        secretHint: hint, secretIssuedAt: now, createdAt: now, updatedAt: now,
      },
    });
    await recordAudit({ tx, actor, connectionId, action: "callback_endpoint_added", details: { endpointId: id, url, description, eventTypes: eventTypes.length === 0 ? "all" : eventTypes.join(", ") } });
  });
  return { endpointId: id, secret, secretHint: hint };
};
