// The recovery sweep: a message left in `received` for over a minute (its
// event was never sent, or the process died before after() ran), or stuck in
// `processing` past its claim's lease (a worker died mid-way), is dispatched
// again (both times configurable).
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { dispatchMessage } from "./dispatch-message";

/** Re-dispatches stranded messages; returns their ids. */
export const sweepStrandedMessages = async ({ now = new Date(), limit = 500 }: { now?: Date; limit?: number } = {}): Promise<string[]> => {
  const receivedBefore = new Date(now.getTime() - env.INGEST_RECOVER_AFTER_SECONDS * 1000);
  const processingBefore = new Date(now.getTime() - env.INGEST_CLAIM_LEASE_SECONDS * 1000);
  const rows = await db.inboundMessage.findMany({
    where: {
      OR: [
        { status: "received", receivedAt: { lt: receivedBefore } },
        { status: "processing", processingStartedAt: { lt: processingBefore } },
      ],
    },
    select: { id: true, companyId: true },
    orderBy: { receivedAt: "asc" },
    take: limit,
  });
  for (const { id, companyId } of rows) await dispatchMessage({ messageId: id, companyId, reason: "sweep" });
  return rows.map((r) => r.id);
};
