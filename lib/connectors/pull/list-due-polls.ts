import { db } from "@/lib/db/client";

/** The connections whose poll is due and not claimed (Inngest's cron tick fans them out). */
export const listDuePolls = async ({ now = new Date(), limit = 1_000 }: { now?: Date; limit?: number } = {}): Promise<string[]> => {
  const rows = await db.$queryRaw<{ connection_id: string }[]>`
    SELECT connection_id FROM connector_polls
    WHERE next_poll_at <= ${now}::timestamptz AND (locked_until IS NULL OR locked_until < ${now}::timestamptz)
    ORDER BY next_poll_at LIMIT ${limit}`;
  return rows.map((r) => r.connection_id);
};
