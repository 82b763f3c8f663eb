import type { TTx } from "@/lib/db/client";

/**
 * Revokes the pending invites a user created, inside the caller's transaction: an
 * admin who is demoted or removed must not keep letting people in through links
 * sent earlier. Accepted invites stay as they are.
 */
export const revokeInvitesCreatedBy = async ({ tx, companyId, userId, now = new Date() }: { tx: TTx; companyId: string; userId: string; now?: Date }): Promise<number> => {
  const { count } = await tx.invite.updateMany({
    where: { companyId, createdById: userId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  return count;
};
