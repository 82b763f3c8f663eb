import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { AppError } from "@/lib/errors/app-error";
import { hashPassword } from "@/lib/auth/hash-password";
import { sha256Hex } from "@/lib/crypto/random-token";

const invalid = () => new AppError("invite_invalid", "This invite link is no longer valid. Ask your company admin for a new one.");

/** Turns a valid invite into a user; the link works exactly once. */
export const acceptInvite = async ({ token, name, password, now = new Date() }: { token: string; name: string; password: string; now?: Date }): Promise<{ userId: string; email: string }> => {
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      const invite = await tx.invite.findUnique({ where: { tokenHash: sha256Hex(token) } });
      if (!invite) throw invalid();
      // Conditional update: of two simultaneous accepts only one can claim the invite.
      const claimed = await tx.invite.updateMany({
        where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      });
      if (claimed.count !== 1) throw invalid();
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
