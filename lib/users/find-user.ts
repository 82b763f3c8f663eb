import { db } from "@/lib/db/client";
import type { TUserSummary } from "./types";

/** One user of the company, or null: another company's user is simply not there. */
export const findUser = ({ companyId, userId }: { companyId: string; userId: string }): Promise<TUserSummary | null> =>
  db.user.findFirst({ where: { id: userId, companyId }, select: { id: true, name: true, email: true, role: true, createdAt: true } });
