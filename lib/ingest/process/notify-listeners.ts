import { db } from "@/lib/db/client";

export const FLEET_CHANNEL = "fleet_updates";
// NOTIFY payloads must stay below 8,000 bytes: at most this many ids (37 bytes each) per notification.
const IDS_PER_NOTIFICATION = 150;

/** Tells live listeners (the map) which messages changed a company's fleet data: ids, never rows. */
export const notifyListeners = async ({ companyId, messageIds }: { companyId: string; messageIds: string[] }): Promise<void> => {
  for (let i = 0; i < messageIds.length; i += IDS_PER_NOTIFICATION) {
    const payload = JSON.stringify({ companyId, messageIds: messageIds.slice(i, i + IDS_PER_NOTIFICATION) });
    await db.$executeRaw`SELECT pg_notify(${FLEET_CHANNEL}, ${payload})`;
  }
};
