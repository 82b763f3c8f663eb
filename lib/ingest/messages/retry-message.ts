import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { dispatchMessage } from "@/lib/ingest/dispatch/dispatch-message";
import { lockConnection } from "@/lib/integrations/lock-connection";
import { recordAudit } from "@/lib/integrations/record-audit";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";

/** Sends a failed message of a live connection of the actor's company back to processing; audited as `message_retried`. */
export const retryMessage = async ({ actor, connectionId, messageId }: { actor: TActor; connectionId: string; messageId: string }): Promise<void> => {
  assertAdmin(actor);
  await db.$transaction(async (tx) => {
    // A deleted connection is read-only: its messages are not processed again.
    await lockConnection({ tx, companyId: actor.companyId, connectionId });
    const { count } = await tx.inboundMessage.updateMany({ where: { id: messageId, companyId: actor.companyId, connectionId, status: "failed", bodyPurgedAt: null }, data: { status: "received", lastError: null, lastErrorCode: null } });
    if (count === 0) {
      const purged = await tx.inboundMessage.count({ where: { id: messageId, companyId: actor.companyId, connectionId, status: "failed", bodyPurgedAt: { not: null } } });
      if (purged > 0) throw new AppError("conflict", "The raw message was removed by retention, so it cannot be processed again. Ask the sender to send it again.");
      throw new AppError("not_found", "This message does not exist or has not failed.");
    }
    await recordAudit({ tx, actor, connectionId, action: "message_retried", details: { messageId } });
  });
  await dispatchMessage({ messageId, companyId: actor.companyId, reason: "retry" });
};
