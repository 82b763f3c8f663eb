// A receipt is the message row (status, counts) and its ingest issues. Issues
// are deleted first, in bounded batches of their own: left to the cascade, one
// batch of messages could delete millions of issue rows in one statement.
import { db } from "@/lib/db/client";
import { DEFAULT_BATCHING, repeatInBatches, type TBatching } from "./repeat-in-batches";

const DAY_MS = 86_400_000;

/** Deletes processed and failed messages landed more than `days` ago, with their issues; returns how many of each. */
export const purgeReceipts = async ({ days, now = new Date(), batching = DEFAULT_BATCHING }: { days: number; now?: Date; batching?: TBatching }): Promise<{ messages: number; issues: number }> => {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const issues = await repeatInBatches({
    batching,
    statement: (limit) => db.$executeRaw`
      DELETE FROM ingest_issues WHERE id IN (
        SELECT i.id FROM ingest_issues i JOIN inbound_messages m ON m.id = i.message_id
        WHERE m.received_at < ${cutoff} AND m.status IN ('processed', 'failed')
        LIMIT ${limit}
        FOR UPDATE OF i SKIP LOCKED
      )`,
  });
  // A message still waiting is never deleted, however old: it has not been processed yet.
  const messages = await repeatInBatches({
    batching,
    statement: (limit) => db.$executeRaw`
      DELETE FROM inbound_messages
      WHERE id IN (
        SELECT id FROM inbound_messages
        WHERE received_at < ${cutoff} AND status IN ('processed', 'failed')
        ORDER BY received_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) AND status IN ('processed', 'failed')`,
  });
  return { messages, issues };
};
