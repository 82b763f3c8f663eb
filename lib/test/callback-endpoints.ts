// Test endpoints inserted directly (the endpoint service has its own tests), for tests of emission and delivery.
import { db } from "@/lib/db/client";
import { sealSecret } from "@/lib/crypto/secret-box";
import { newCallbackId } from "@/lib/callbacks/new-callback-id";
import { endpointSecretContext } from "@/lib/callbacks/endpoints/endpoint-secret-context";
import type { CallbackEndpointStatus } from "@/lib/db/generated/enums";

/** Inserts a callback endpoint for a connection; returns its id and its plain secret. */
export const insertTestEndpoint = async ({ companyId, connectionId, url = "http://127.0.0.1:9/hook", eventTypes = [], status = "active" }: { companyId: string; connectionId: string; url?: string; eventTypes?: string[]; status?: CallbackEndpointStatus }) => {
  const id = newCallbackId("cbe");
  const secret = `whsec_${Buffer.alloc(32, 9).toString("base64")}`;
  await db.callbackEndpoint.create({
    data: { id, companyId, connectionId, url, eventTypes, status, secretCiphertext: sealSecret({ plaintext: secret, context: endpointSecretContext(id) }), secretHint: secret.slice(-4), secretIssuedAt: new Date() },
  });
  return { id, secret };
};
