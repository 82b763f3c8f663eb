import { db } from "@/lib/db/client";
import type { TThrottleKey } from "./throttle-types";

/**
 * Gives back one counted attempt (it succeeded, or another key refused it), and
 * lifts a lock that only this attempt had reached.
 */
export const releaseThrottleAttempt = async ({ keys }: { keys: TThrottleKey[] }): Promise<void> => {
  if (keys.length === 0) return;
  const sorted = [...keys].sort((a, b) => a.key.localeCompare(b.key));
  await db.$executeRaw`
    UPDATE sign_in_throttles AS t SET
      failures = GREATEST(t.failures - 1, 0),
      locked_until = CASE WHEN t.failures - 1 < i.max_attempts THEN NULL ELSE t.locked_until END
    FROM unnest(${sorted.map((k) => k.key)}::text[], ${sorted.map((k) => k.maxAttempts)}::int[]) AS i(key, max_attempts)
    WHERE t.key = i.key`;
};
