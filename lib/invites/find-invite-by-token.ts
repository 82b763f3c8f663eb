import { db } from "@/lib/db/client";
import { sha256Hex } from "@/lib/crypto/random-token";

export type TInviteLookup =
  | { status: "valid"; email: string; role: "admin" | "member"; companyName: string }
  | { status: "invalid" };

/** What an invite link leads to. Used, revoked, expired and unknown links all read "invalid". */
export const findInviteByToken = async ({ token, now = new Date() }: { token: string; now?: Date }): Promise<TInviteLookup> => {
  const invite = await db.invite.findUnique({ where: { tokenHash: sha256Hex(token) }, include: { company: { select: { name: true } } } });
  if (!invite || invite.acceptedAt || invite.revokedAt || invite.expiresAt <= now) return { status: "invalid" };
  return { status: "valid", email: invite.email, role: invite.role, companyName: invite.company.name };
};
