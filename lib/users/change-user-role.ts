import { db } from "@/lib/db/client";
import { lockCompany } from "@/lib/db/lock-company";
import { AppError } from "@/lib/errors/app-error";
import { revokeInvitesCreatedBy } from "@/lib/invites/revoke-invites-created-by";
import { assertAdmin } from "./assert-admin";
import type { TActor } from "./types";

/** Makes a user admin or member; the company always keeps at least one admin. A demoted admin's pending invites are revoked. */
export const changeUserRole = async ({ actor, userId, role }: { actor: TActor; userId: string; role: "admin" | "member" }): Promise<void> => {
  assertAdmin(actor);
  await db.$transaction(async (tx) => {
    await lockCompany({ tx, companyId: actor.companyId });
    const user = await tx.user.findFirst({ where: { id: userId, companyId: actor.companyId } });
    if (!user) throw new AppError("not_found", "This user does not exist.");
    if (user.role === role) return;
    if (role === "member") {
      const admins = await tx.user.count({ where: { companyId: actor.companyId, role: "admin" } });
      if (admins <= 1) throw new AppError("last_admin", "The company needs at least one admin. Make someone else an admin first.");
    }
    await tx.user.update({ where: { id: user.id }, data: { role } });
    if (role === "member") await revokeInvitesCreatedBy({ tx, companyId: actor.companyId, userId: user.id });
  });
};
