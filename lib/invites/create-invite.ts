// An admin invites someone with a one-time link (no email is sent: the admin
// passes the link on). Only the token's SHA-256 is stored.
import { db } from "@/lib/db/client";
import { lockCompany } from "@/lib/db/lock-company";
import { AppError } from "@/lib/errors/app-error";
import { randomToken, sha256Hex } from "@/lib/crypto/random-token";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Creates an invite, replacing a pending one for the same email; returns the token once. */
export const createInvite = async ({ actor, email, role, now = new Date() }: { actor: TActor; email: string; role: "admin" | "member"; now?: Date }): Promise<{ inviteId: string; token: string; expiresAt: Date }> => {
  assertAdmin(actor);
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  const invite = await db.$transaction(async (tx) => {
    // Serialised with demotion and removal (same lock), and the role re-read under
    // it: an admin demoted a moment ago cannot create an invite that outlives the demotion.
    await lockCompany({ tx, companyId: actor.companyId });
    const stillAdmin = await tx.user.findFirst({ where: { id: actor.id, companyId: actor.companyId, role: "admin" }, select: { id: true } });
    if (!stillAdmin) throw new AppError("forbidden", "Only company admins can do this.");
    // One answer whether the account is in this company or another: telling them
    // apart would let any admin find out who uses the portal elsewhere.
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) throw new AppError("email_taken", "This address cannot be invited. Check your company's users, or ask the person for another address.");
    await tx.invite.updateMany({
      where: { companyId: actor.companyId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    return tx.invite.create({
      data: { companyId: actor.companyId, email, role, tokenHash: sha256Hex(token), createdById: actor.id, expiresAt },
    });
  });
  return { inviteId: invite.id, token, expiresAt };
};
