import type { TTx } from "./client";

/** Serialises changes to one company's members within a transaction (row lock). */
export const lockCompany = async ({ tx, companyId }: { tx: TTx; companyId: string }): Promise<void> => {
  await tx.$queryRaw`SELECT id FROM companies WHERE id = ${companyId} FOR UPDATE`;
};
