import { resealIfReadable } from "@/lib/crypto/reseal-if-readable";
import { db } from "@/lib/db/client";
import { sealSecret } from "@/lib/crypto/secret-box";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { issueSecret, secretContext } from "./credentials";
import { graceDeadline, GRACE_CHOICES, type TGraceChoice } from "./grace";
import { lockConnection } from "./lock-connection";
import { recordAudit } from "./record-audit";
import { emitConnectionEvent } from "@/lib/callbacks/events/emit-connection-event";
import { kickCallbackDeliveries } from "@/lib/callbacks/deliver/kick-callback-deliveries";

/**
 * Issues a new signing secret; the old one verifies until the chosen grace ends.
 * When the old one cannot be read (its key is lost) there is nothing to keep:
 * rotation still works and ends it at once. Returns the new secret once.
 */
export const rotateSecret = async ({ actor, connectionId, grace, now = new Date() }: { actor: TActor; connectionId: string; grace: TGraceChoice; now?: Date }): Promise<{ secret: string; previousValidUntil: Date | null }> => {
  assertAdmin(actor);
  const secret = issueSecret();
  const context = secretContext(connectionId);
  const rotated = await db.$transaction(async (tx) => {
    const connection = await lockConnection({ tx, companyId: actor.companyId, connectionId });
    const wanted = graceDeadline({ choice: grace, now });
    const outgoing = wanted ? resealIfReadable({ sealed: connection.secretCiphertext, context }) : null;
    const previousValidUntil = outgoing ? wanted : null;
    await tx.connection.update({
      where: { id: connection.id },
      data: {
        secretCiphertext: sealSecret({ plaintext: secret.secret, context }),
        secretHint: secret.hint,
        secretIssuedAt: now,
        previousSecretCiphertext: outgoing,
        previousSecretExpiresAt: previousValidUntil,
      },
    });
    const unreadable = wanted !== null && outgoing === null;
    await recordAudit({ tx, actor, connectionId, action: "secret_rotated", details: { grace: GRACE_CHOICES[grace].label, previousValidUntil: previousValidUntil?.toISOString() ?? null, ...(unreadable ? { previousUnreadable: "true" } : {}) } });
    await emitConnectionEvent({ tx, actor, connectionId, eventName: "connections.secret.rotated", now, data: { previousValidUntil: previousValidUntil?.toISOString() ?? null } });
    return { secret: secret.secret, previousValidUntil };
  });
  // The rotation event is committed; its deliveries start now.
  await kickCallbackDeliveries();
  return rotated;
};
