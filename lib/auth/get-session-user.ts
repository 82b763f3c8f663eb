import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { db } from "@/lib/db/client";
import { authOptions } from "./auth-options";

export type TSessionUser = {
  id: string;
  name: string;
  email: string;
  role: "admin" | "member";
  companyId: string;
  companyName: string;
};

/** The signed-in user, freshly loaded (null when signed out or removed). Cached per request. */
export const getSessionUser = cache(async (): Promise<TSessionUser | null> => {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  if (!userId) return null;
  const user = await db.user.findFirst({
    where: { id: userId, companyId: session.user.companyId },
    include: { company: { select: { name: true } } },
  });
  if (!user) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role, companyId: user.companyId, companyName: user.company.name };
});
