// An admin invites someone with a one-time link (no email is sent: the admin
// passes the link on). Only the token's SHA-256 is stored.
import { db } from "@/lib/db/client";
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
    const existing = await tx.user.findUnique({ where: { email }, select: { companyId: true } });
    if (existing) {
      const message = existing.companyId === actor.companyId ? "This person is already a user of your company." : "An account with this email already exists.";
      throw new AppError("email_taken", message);
    }
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
