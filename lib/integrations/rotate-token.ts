import { db } from "@/lib/db/client";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { issueToken } from "./credentials";
import { graceDeadline, GRACE_CHOICES, type TGraceChoice } from "./grace";
import { lockConnection } from "./lock-connection";
import { recordAudit } from "./record-audit";
import { emitConnectionEvent } from "@/lib/callbacks/events/emit-connection-event";
import { kickCallbackDeliveries } from "@/lib/callbacks/deliver/kick-callback-deliveries";

/** Issues a new inbound token; the old one works until the chosen grace ends. Returns the new token once. */
export const rotateToken = async ({ actor, connectionId, grace, now = new Date() }: { actor: TActor; connectionId: string; grace: TGraceChoice; now?: Date }): Promise<{ token: string; previousValidUntil: Date | null }> => {
  assertAdmin(actor);
  const token = issueToken();
  const previousValidUntil = graceDeadline({ choice: grace, now });
  await db.$transaction(async (tx) => {
    const connection = await lockConnection({ tx, companyId: actor.companyId, connectionId });
    await tx.connection.update({
      where: { id: connection.id },
      data: {
        tokenHash: token.hash,
        tokenHint: token.hint,
        tokenIssuedAt: now,
        // Replacing the previous value is what ends an earlier grace at once.
        previousTokenHash: previousValidUntil ? connection.tokenHash : null,
        previousTokenExpiresAt: previousValidUntil,
      },
    });
    await recordAudit({ tx, actor, connectionId, action: "token_rotated", details: { grace: GRACE_CHOICES[grace].label, previousValidUntil: previousValidUntil?.toISOString() ?? null } });
    await emitConnectionEvent({ tx, actor, connectionId, eventName: "connections.token.rotated", now, data: { previousValidUntil: previousValidUntil?.toISOString() ?? null } });
  });
  // The rotation event is committed; its deliveries start now.
  await kickCallbackDeliveries();
  return { token: token.token, previousValidUntil };
};
