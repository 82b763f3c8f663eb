// An admin creates a connection; its token and secret are returned once.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { sealSecret } from "@/lib/crypto/secret-box";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { connectorBySlug, type TConnectorSlug } from "./connectors";
import { issueSecret, issueToken, secretContext } from "./credentials";
import { recordAudit } from "./record-audit";

/** Creates an active connection with fresh credentials. */
export const createConnection = async ({ actor, name, connector, now = new Date() }: { actor: TActor; name: string; connector: TConnectorSlug; now?: Date }): Promise<{ connectionId: string; token: string; secret: string }> => {
  assertAdmin(actor);
  const id = randomUUID();
  const token = issueToken();
  const secret = issueSecret();
  await db.$transaction(async (tx) => {
    await tx.connection.create({
      data: {
        id,
        companyId: actor.companyId,
        name,
        connector: connectorBySlug(connector)!.id,
        tokenHash: token.hash,
        tokenHint: token.hint,
        tokenIssuedAt: now,
        secretCiphertext: sealSecret({ plaintext: secret.secret, context: secretContext(id) }),
        secretHint: secret.hint,
        secretIssuedAt: now,
        createdById: actor.id,
        createdAt: now,
      },
    });
    await recordAudit({ tx, actor, connectionId: id, action: "created", details: { name, connector } });
  });
  return { connectionId: id, token: token.token, secret: secret.secret };
};
