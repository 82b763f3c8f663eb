// The recovery sweep: a message left in `received` for over a minute (its
// event was never sent, or the process died before after() ran), or stuck in
// `processing` for 10 minutes (a worker died mid-way), is dispatched again.
import { db } from "@/lib/db/client";
import { dispatchMessage } from "./dispatch-message";

/** Re-dispatches stranded messages; returns their ids. */
export const sweepStrandedMessages = async ({ now = new Date(), limit = 500 }: { now?: Date; limit?: number } = {}): Promise<string[]> => {
  const receivedBefore = new Date(now.getTime() - 60_000);
  const processingBefore = new Date(now.getTime() - 10 * 60_000);
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
