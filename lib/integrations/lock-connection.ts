import type { TTx } from "@/lib/db/client";
import type { Connection } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";

/**
 * Loads and row-locks a live connection of the company, inside a transaction,
 * so two concurrent changes (say, two rotations) apply one after the other.
 * Another company's or a deleted connection is `not_found`.
 */
export const lockConnection = async ({ tx, companyId, connectionId }: { tx: TTx; companyId: string; connectionId: string }): Promise<Connection> => {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM connections WHERE id = ${connectionId} AND company_id = ${companyId} AND deleted_at IS NULL FOR UPDATE`;
  if (locked.length === 0) throw new AppError("not_found", "This connection does not exist.");
  return tx.connection.findUniqueOrThrow({ where: { id: connectionId } });
};
