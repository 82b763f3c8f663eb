import { db } from "@/lib/db/client";

export type TPendingInvite = { id: string; email: string; role: "admin" | "member"; expiresAt: Date; createdAt: Date };

/** Invites of the company not yet accepted, revoked or expired. */
export const listPendingInvites = ({ companyId, now = new Date() }: { companyId: string; now?: Date }): Promise<TPendingInvite[]> =>
  db.invite.findMany({
    where: { companyId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
