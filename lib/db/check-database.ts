import type { TDb } from "./client";

export type TDatabaseHealth = { status: "up"; latencyMs: number } | { status: "down"; error: string };

/** Runs a trivial query, with a time limit, to tell whether the database answers. */
export const checkDatabase = async ({ client, timeoutMs = 3_000 }: { client: TDb; timeoutMs?: number }): Promise<TDatabaseHealth> => {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([client.$queryRaw`SELECT 1`, timeout]);
    return { status: "up", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    const text = error instanceof Error ? error.message || error.name : String(error);
    return { status: "down", error: text.split("\n")[0] || "unreachable" };
  } finally {
    clearTimeout(timer);
  }
};
