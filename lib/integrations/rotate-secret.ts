import { db } from "@/lib/db/client";
import { sealSecret } from "@/lib/crypto/secret-box";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { issueSecret, secretContext } from "./credentials";
import { graceDeadline, GRACE_CHOICES, type TGraceChoice } from "./grace";
import { lockConnection } from "./lock-connection";
import { recordAudit } from "./record-audit";

/** Issues a new signing secret; the old one verifies until the chosen grace ends. Returns the new secret once. */
export const rotateSecret = async ({ actor, connectionId, grace, now = new Date() }: { actor: TActor; connectionId: string; grace: TGraceChoice; now?: Date }): Promise<{ secret: string; previousValidUntil: Date | null }> => {
  assertAdmin(actor);
  const secret = issueSecret();
  const previousValidUntil = graceDeadline({ choice: grace, now });
  await db.$transaction(async (tx) => {
    const connection = await lockConnection({ tx, companyId: actor.companyId, connectionId });
    await tx.connection.update({
      where: { id: connection.id },
      data: {
        secretCiphertext: sealSecret({ plaintext: secret.secret, context: secretContext(connection.id) }),
        secretHint: secret.hint,
        secretIssuedAt: now,
        // The same context seals both values, so the current ciphertext moves over as it is.
        previousSecretCiphertext: previousValidUntil ? connection.secretCiphertext : null,
        previousSecretExpiresAt: previousValidUntil,
      },
    });
    await recordAudit({ tx, actor, connectionId, action: "secret_rotated", details: { grace: GRACE_CHOICES[grace].label, previousValidUntil: previousValidUntil?.toISOString() ?? null } });
  });
  return { secret: secret.secret, previousValidUntil };
};
