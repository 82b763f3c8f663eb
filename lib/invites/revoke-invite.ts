import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";

/** Revokes a pending invite so its link stops working. */
export const revokeInvite = async ({ actor, inviteId, now = new Date() }: { actor: TActor; inviteId: string; now?: Date }): Promise<void> => {
  assertAdmin(actor);
  const { count } = await db.invite.updateMany({
    where: { id: inviteId, companyId: actor.companyId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  if (count === 0) throw new AppError("not_found", "This invite does not exist or was already used.");
};
