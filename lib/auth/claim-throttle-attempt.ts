// Counts an attempt BEFORE the expensive or sensitive work it guards (a password
// check, a sign-up), in one statement that increments every key and says whether
// the attempt is within the limits. Checking first and counting afterwards let 30
// parallel guesses all pass the check. Kept in the database so limits hold across
// server processes and restarts. The column `failures` counts attempts: a
// successful sign-in gives its attempt back (release-throttle-attempt.ts).
import { db } from "@/lib/db/client";
import { releaseThrottleAttempt } from "./release-throttle-attempt";
import type { TThrottleClaim, TThrottleKey } from "./throttle-types";

type TRow = { key: string; failures: number; locked_until: Date | null };

/**
 * Counts one attempt against each key; allowed only if every key stays within its
 * limit. A key that reaches its limit is locked for `windowMs`; an expired lock or
 * window starts afresh. When refused, the keys that had room get their count back.
 */
export const claimThrottleAttempt = async ({ keys, windowMs, now = new Date() }: { keys: TThrottleKey[]; windowMs: number; now?: Date }): Promise<TThrottleClaim> => {
  if (keys.length === 0) return { allowed: true };
  // One global order of keys: two statements sharing keys cannot deadlock.
  const sorted = [...keys].sort((a, b) => a.key.localeCompare(b.key));
  const windowStart = new Date(now.getTime() - windowMs);
  const lockUntil = new Date(now.getTime() + windowMs);
  const rows = await db.$queryRaw<TRow[]>`
    WITH input AS (
      SELECT * FROM unnest(${sorted.map((k) => k.key)}::text[], ${sorted.map((k) => k.maxAttempts)}::int[]) AS i(key, max_attempts)
    )
    INSERT INTO sign_in_throttles AS t (key, failures, window_start, locked_until)
    SELECT key, 1, ${now}, CASE WHEN max_attempts <= 1 THEN ${lockUntil}::timestamptz END FROM input
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE
        WHEN (CASE WHEN t.locked_until IS NOT NULL THEN t.locked_until <= ${now} ELSE t.window_start <= ${windowStart} END) THEN 1
        ELSE t.failures + 1 END,
      window_start = CASE
        WHEN (CASE WHEN t.locked_until IS NOT NULL THEN t.locked_until <= ${now} ELSE t.window_start <= ${windowStart} END) THEN ${now}
        ELSE t.window_start END,
      locked_until = CASE
        WHEN (CASE WHEN t.locked_until IS NOT NULL THEN t.locked_until <= ${now} ELSE t.window_start <= ${windowStart} END)
          THEN CASE WHEN (SELECT i.max_attempts FROM input i WHERE i.key = t.key) <= 1 THEN ${lockUntil}::timestamptz END
        WHEN t.locked_until IS NOT NULL THEN t.locked_until
        WHEN t.failures + 1 >= (SELECT i.max_attempts FROM input i WHERE i.key = t.key) THEN ${lockUntil}::timestamptz
        ELSE NULL END
    RETURNING t.key, t.failures, t.locked_until`;

  const limitOf = new Map(sorted.map((k) => [k.key, k.maxAttempts]));
  const refused = rows.filter((row) => row.failures > limitOf.get(row.key)!);
  if (refused.length === 0) return { allowed: true };
  const withRoom = sorted.filter((k) => !refused.some((row) => row.key === k.key));
  await releaseThrottleAttempt({ keys: withRoom });
  const until = Math.max(...refused.map((row) => row.locked_until?.getTime() ?? now.getTime() + windowMs));
  return { allowed: false, retryAfterMs: Math.max(0, until - now.getTime()) };
};
