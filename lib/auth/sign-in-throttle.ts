// Locks sign-in for an email or an IP address after repeated failures. Kept in
// the database so the lock holds across server processes and restarts.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

export type TThrottleKey = { key: string; maxFailures: number };

/**
 * The throttle keys for one sign-in attempt. An unknown address gets no IP key:
 * one shared "unknown" key would let anyone lock everybody out.
 */
export const throttleKeys = ({ email, ip }: { email: string; ip: string | null }): TThrottleKey[] => [
  { key: `email:${email}`, maxFailures: env.SIGN_IN_MAX_FAILURES_PER_EMAIL },
  ...(ip ? [{ key: `ip:${ip}`, maxFailures: env.SIGN_IN_MAX_FAILURES_PER_IP }] : []),
];

/** Throws `too_many_attempts` while any of the keys is locked. */
export const assertSignInAllowed = async ({ keys, now = new Date() }: { keys: TThrottleKey[]; now?: Date }): Promise<void> => {
  const locked = await db.signInThrottle.findFirst({
    where: { key: { in: keys.map((k) => k.key) }, lockedUntil: { gt: now } },
    orderBy: { lockedUntil: "desc" },
  });
  if (!locked?.lockedUntil) return;
  const minutes = Math.max(1, Math.ceil((locked.lockedUntil.getTime() - now.getTime()) / 60_000));
  throw new AppError("too_many_attempts", `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
};

/** Counts one failure against each key, locking a key that reaches its limit. */
export const recordSignInFailure = async ({ keys, now = new Date() }: { keys: TThrottleKey[]; now?: Date }): Promise<void> => {
  const lockMs = env.SIGN_IN_LOCK_MINUTES * 60_000;
  const windowStart = new Date(now.getTime() - lockMs);
  const lockUntil = new Date(now.getTime() + lockMs);
  for (const { key, maxFailures } of keys) {
    // One atomic upsert: concurrent failures cannot undercount.
    await db.$executeRaw`
      INSERT INTO sign_in_throttles (key, failures, window_start, locked_until)
      VALUES (${key}, 1, ${now}, CASE WHEN 1 >= ${maxFailures} THEN ${lockUntil}::timestamptz END)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN sign_in_throttles.window_start < ${windowStart} THEN 1 ELSE sign_in_throttles.failures + 1 END,
        window_start = CASE WHEN sign_in_throttles.window_start < ${windowStart} THEN ${now} ELSE sign_in_throttles.window_start END,
        locked_until = CASE
          WHEN (CASE WHEN sign_in_throttles.window_start < ${windowStart} THEN 1 ELSE sign_in_throttles.failures + 1 END) >= ${maxFailures}
          THEN ${lockUntil}::timestamptz ELSE sign_in_throttles.locked_until END`;
  }
};

/** Forgets the failures of an email after a successful sign-in (the IP's stay). */
export const clearSignInFailures = async ({ email }: { email: string }): Promise<void> => {
  await db.signInThrottle.deleteMany({ where: { key: `email:${email}` } });
};
