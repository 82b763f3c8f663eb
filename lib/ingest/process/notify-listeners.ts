import { db } from "@/lib/db/client";

export const FLEET_CHANNEL = "fleet_updates";

/** Tells live listeners (the map) that a company's fleet data changed. The payload stays far below NOTIFY's 8,000 bytes. */
export const notifyListeners = async ({ companyId, messageId }: { companyId: string; messageId: string }): Promise<void> => {
  await db.$executeRaw`SELECT pg_notify(${FLEET_CHANNEL}, ${JSON.stringify({ companyId, messageId })})`;
};
