import { db } from "@/lib/db/client";
import type { TUserSummary } from "./types";

const userSummary = { id: true, name: true, email: true, role: true, createdAt: true } as const;

/** The users of one company, admins first, then by name. */
export const listUsers = ({ companyId }: { companyId: string }): Promise<TUserSummary[]> =>
  db.user.findMany({ where: { companyId }, select: userSummary, orderBy: [{ role: "asc" }, { name: "asc" }] });
