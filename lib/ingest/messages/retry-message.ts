import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { dispatchMessage } from "@/lib/ingest/dispatch/dispatch-message";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";

/** Sends a failed message back to processing. */
export const retryMessage = async ({ actor, messageId }: { actor: TActor; messageId: string }): Promise<void> => {
  assertAdmin(actor);
  const { count } = await db.inboundMessage.updateMany({ where: { id: messageId, companyId: actor.companyId, status: "failed" }, data: { status: "received", lastError: null } });
  if (count === 0) throw new AppError("not_found", "This message does not exist or has not failed.");
  await dispatchMessage({ messageId, companyId: actor.companyId, reason: "retry" });
};
