import "server-only";
import { db } from "@/lib/db/client";

/** Whether the session's user still belongs to its company: long-lived responses (the live stream) ask again while open. */
export const isSessionUserActive = async ({ userId, companyId }: { userId: string; companyId: string }): Promise<boolean> =>
  (await db.user.count({ where: { id: userId, companyId } })) > 0;
