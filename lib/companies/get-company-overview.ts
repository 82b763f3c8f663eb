import { db } from "@/lib/db/client";

export type TCompanyOverview = { name: string; createdAt: Date; userCount: number; adminCount: number; pendingInviteCount: number; unitCount: number; connectionCount: number };

/** Headline figures for the company's start page. */
export const getCompanyOverview = async ({ companyId, now = new Date() }: { companyId: string; now?: Date }): Promise<TCompanyOverview> => {
  const [company, userCount, adminCount, pendingInviteCount, unitCount, connectionCount] = await Promise.all([
    db.company.findUniqueOrThrow({ where: { id: companyId }, select: { name: true, createdAt: true } }),
    db.user.count({ where: { companyId } }),
    db.user.count({ where: { companyId, role: "admin" } }),
    db.invite.count({ where: { companyId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } }),
    db.unit.count({ where: { companyId } }),
    db.connection.count({ where: { companyId, deletedAt: null } }),
  ]);
  return { ...company, userCount, adminCount, pendingInviteCount, unitCount, connectionCount };
};
