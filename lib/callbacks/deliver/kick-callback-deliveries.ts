import { isInngestEnabled } from "@/lib/env";
import { wakeCallbackDispatcher } from "./start-callback-dispatcher";

/**
 * Call after a commit that created or re-queued deliveries: wakes this process's dispatcher, or (Inngest mode)
 * relays them to Inngest. Never throws: should the relay fail, its cron function sends them within a minute.
 */
export const kickCallbackDeliveries = async (): Promise<void> => {
  if (!isInngestEnabled()) return wakeCallbackDispatcher();
  try {
    const { relayCallbackDeliveries } = await import("./relay-callback-deliveries");
    await relayCallbackDeliveries();
  } catch (error) {
    console.error("[callbacks] relaying deliveries to Inngest failed; the relay-callback-deliveries cron retries within a minute:", error instanceof Error ? error.message : error);
  }
};
