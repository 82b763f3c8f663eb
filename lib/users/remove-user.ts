import { db } from "@/lib/db/client";
import { lockCompany } from "@/lib/db/lock-company";
import { AppError } from "@/lib/errors/app-error";
import { revokeInvitesCreatedBy } from "@/lib/invites/revoke-invites-created-by";
import { assertAdmin } from "./assert-admin";
import type { TActor } from "./types";

/** Removes a user from the company, revoking the invites they left pending; the last admin cannot be removed. */
export const removeUser = async ({ actor, userId }: { actor: TActor; userId: string }): Promise<void> => {
  assertAdmin(actor);
  await db.$transaction(async (tx) => {
    await lockCompany({ tx, companyId: actor.companyId });
    const user = await tx.user.findFirst({ where: { id: userId, companyId: actor.companyId } });
    if (!user) throw new AppError("not_found", "This user does not exist.");
    if (user.role === "admin") {
      const admins = await tx.user.count({ where: { companyId: actor.companyId, role: "admin" } });
      if (admins <= 1) throw new AppError("last_admin", "The company needs at least one admin. Make someone else an admin first.");
    }
    // Before the delete, which sets the invites' created_by_id to NULL.
    await revokeInvitesCreatedBy({ tx, companyId: actor.companyId, userId: user.id });
    await tx.user.delete({ where: { id: user.id } });
  });
};
