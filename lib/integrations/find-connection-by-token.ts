// The front door's first step: which connection does this URL token open?
import { db } from "@/lib/db/client";
import type { Connection } from "@/lib/db/generated/client";
import { hashToken } from "./credentials";
import { isInGrace } from "./grace";

export type TTokenMatch = { connection: Connection; tokenVariant: "current" | "previous" | "test" };

/** The live connection whose current token, previous token within grace, or unexpired test token this is; else null. */
export const findConnectionByToken = async ({ token, now = new Date() }: { token: string; now?: Date }): Promise<TTokenMatch | null> => {
  const hash = hashToken(token);
  const connection = await db.connection.findFirst({
    where: { deletedAt: null, OR: [{ tokenHash: hash }, { previousTokenHash: hash }, { testTokenHash: hash }] },
  });
  if (!connection) return null;
  if (connection.tokenHash === hash) return { connection, tokenVariant: "current" };
  if (connection.previousTokenHash === hash) return isInGrace({ expiresAt: connection.previousTokenExpiresAt, now }) ? { connection, tokenVariant: "previous" } : null;
  return isInGrace({ expiresAt: connection.testTokenExpiresAt, now }) ? { connection, tokenVariant: "test" } : null;
};
