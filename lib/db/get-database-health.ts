import { env, isInngestEnabled } from "@/lib/env";
import { db, type TDb } from "./client";
import { checkDatabase, type TDatabaseHealth } from "./check-database";

export type TProcessingHealth = {
  mode: "in-process" | "inngest";
  status: "ok" | "degraded" | "unknown";
  /** Age of the oldest message still `received` or `processing`; null when none waits (or unknown). */
  oldestUnprocessedAgeSeconds: number | null;
  maxBacklogAgeSeconds: number;
};

export type THealth = { database: TDatabaseHealth; processing: TProcessingHealth };

const withTimeout = async <T>(work: Promise<T>, timeoutMs: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)))]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Health of the configured database, and of processing as the database shows it:
 * a message waiting longer than HEALTH_MAX_BACKLOG_AGE_SECONDS means processing
 * is not keeping up (or not running at all, e.g. Inngest not calling back).
 */
export const getDatabaseHealth = async ({ client = db, now = new Date(), timeoutMs = 3_000 }: { client?: TDb; now?: Date; timeoutMs?: number } = {}): Promise<THealth> => {
  const mode = isInngestEnabled() ? "inngest" : "in-process";
  const maxBacklogAgeSeconds = env.HEALTH_MAX_BACKLOG_AGE_SECONDS;
  const unknown: TProcessingHealth = { mode, status: "unknown", oldestUnprocessedAgeSeconds: null, maxBacklogAgeSeconds };
  const database = await checkDatabase({ client, timeoutMs });
  if (database.status === "down") return { database, processing: unknown };
  try {
    // The (status, received_at) index answers this without reading the backlog.
    const [row] = await withTimeout(client.$queryRaw<{ oldest: Date | null }[]>`
      SELECT min(received_at) AS oldest FROM inbound_messages WHERE status IN ('received', 'processing')`, timeoutMs);
    const oldest = row?.oldest ?? null;
    const age = oldest ? Math.max(0, Math.floor((now.getTime() - oldest.getTime()) / 1000)) : null;
    return { database, processing: { mode, status: age !== null && age > maxBacklogAgeSeconds ? "degraded" : "ok", oldestUnprocessedAgeSeconds: age, maxBacklogAgeSeconds } };
  } catch (error) {
    console.error("[health] backlog query failed", error);
    return { database, processing: unknown };
  }
};
