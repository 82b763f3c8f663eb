import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { AppError } from "@/lib/errors/app-error";
import { hashPassword } from "@/lib/auth/hash-password";
import { sha256Hex } from "@/lib/crypto/random-token";

const invalid = () => new AppError("invite_invalid", "This invite link is no longer valid. Ask your company admin for a new one.");

/** Turns a valid invite into a user; the link works exactly once. */
export const acceptInvite = async ({ token, name, password, now = new Date() }: { token: string; name: string; password: string; now?: Date }): Promise<{ userId: string; email: string }> => {
  // The link is checked before argon2 runs: made-up tokens must not cost 19 MiB and a few hundred ms each.
  const pending = await db.invite.findFirst({ where: { tokenHash: sha256Hex(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: now } }, select: { id: true } });
  if (!pending) throw invalid();
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      // Conditional update: of two simultaneous accepts only one can claim the invite
      // (and one revoked while the password was hashed is refused here).
      const claimed = await tx.invite.updateMany({
        where: { id: pending.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      });
      if (claimed.count !== 1) throw invalid();
      const invite = await tx.invite.findUniqueOrThrow({ where: { id: pending.id } });
      const user = await tx.user.create({
        data: { companyId: invite.companyId, email: invite.email, name, passwordHash, role: invite.role },
      });
      return { userId: user.id, email: user.email };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("email_taken", "An account with this email already exists. Sign in instead.");
    throw error;
  }
};
