// A connection's poll schedule: created when a pull connector is configured,
// brought forward by "Poll now", and resumed when new credentials are saved
// (which clears "needs attention" and the failure counts).
import { db, type TDb, type TTx } from "@/lib/db/client";

/** Makes the connection's next poll due at `at` (now by default); `resume` also clears needs-attention and failures. */
export const schedulePoll = async ({ client = db, connectionId, companyId, intervalSeconds, at = new Date(), resume = false }: { client?: TDb | TTx; connectionId: string; companyId: string; intervalSeconds?: number; at?: Date; resume?: boolean }): Promise<void> => {
  await client.connectorPoll.upsert({
    where: { connectionId },
    create: { connectionId, companyId, nextPollAt: at, ...(intervalSeconds ? { intervalSeconds } : {}) },
    update: { nextPollAt: at, ...(intervalSeconds ? { intervalSeconds } : {}), ...(resume ? { attentionMessage: null, authFailures: 0, failures: 0 } : {}) },
  });
};
