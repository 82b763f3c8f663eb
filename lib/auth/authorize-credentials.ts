// Checks an email and password for next-auth's credentials provider.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { claimThrottleAttempt } from "./claim-throttle-attempt";
import { hashPassword, verifyPassword } from "./hash-password";
import { releaseThrottleAttempt } from "./release-throttle-attempt";
import { formatRetryAfter } from "./format-retry-after";
import { ZCredentials } from "./schemas";
import { buildSignInThrottleKeys } from "./build-sign-in-throttle-keys";

export type TAuthorizedUser = { id: string; email: string; name: string; companyId: string; role: "admin" | "member" };

// Verifying against a real hash when the email is unknown keeps the response
// time the same, so timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;

/** Returns the user for valid credentials; throws AppError otherwise. */
export const authorizeCredentials = async ({ email, password, ip }: { email: unknown; password: unknown; ip: string | null }): Promise<TAuthorizedUser> => {
  const parsed = ZCredentials.safeParse({ email, password });
  if (!parsed.success) throw new AppError("unauthenticated", "Enter your email address and password.");
  const keys = buildSignInThrottleKeys({ email: parsed.data.email, ip });
  // Counted before the password is checked: an attempt past the limit is never verified.
  const claim = await claimThrottleAttempt({ keys, windowMs: env.SIGN_IN_LOCK_MINUTES * 60_000 });
  if (!claim.allowed) throw new AppError("too_many_attempts", `Too many failed sign-in attempts. Try again in ${formatRetryAfter(claim.retryAfterMs)}.`);

  let user: Awaited<ReturnType<typeof db.user.findUnique>>;
  let valid: boolean;
  try {
    user = await db.user.findUnique({ where: { email: parsed.data.email } });
    const hash = user?.passwordHash ?? (await (dummyHash ??= hashPassword("not-a-real-password")));
    valid = await verifyPassword({ hash, password: parsed.data.password });
  } catch (error) {
    // The database or the hash failed, not the password: the attempt does not count.
    await releaseThrottleAttempt({ keys }).catch(() => undefined);
    throw error;
  }
  // A failure keeps its count.
  if (!user || !valid) throw new AppError("unauthenticated", "Email or password is incorrect.");
  // Success: the email's failures are forgotten; the address gets this attempt back (its earlier failures stay).
  await db.signInThrottle.deleteMany({ where: { key: { in: keys.filter((k) => k.key.startsWith("email:")).map((k) => k.key) } } });
  await releaseThrottleAttempt({ keys: keys.filter((k) => !k.key.startsWith("email:")) });
  return { id: user.id, email: user.email, name: user.name, companyId: user.companyId, role: user.role };
};
