// Sign-up: a new carrier company and its first user, an admin.
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { claimThrottleAttempt } from "@/lib/auth/claim-throttle-attempt";
import { hashPassword } from "@/lib/auth/hash-password";
import { releaseThrottleAttempt } from "@/lib/auth/release-throttle-attempt";
import { formatRetryAfter } from "@/lib/auth/format-retry-after";
import type { TSignUp } from "@/lib/auth/schemas";
import { buildSignUpThrottleKeys } from "@/lib/auth/build-sign-up-throttle-keys";

/**
 * Creates the company and its admin in one transaction. Every attempt counts
 * against the email and the client's address (`ip`, null when unknown; tools that
 * seed accounts pass none), before the costly password hash.
 */
export const signUp = async ({ ip = null, ...input }: TSignUp & { ip?: string | null }): Promise<{ companyId: string; userId: string }> => {
  const keys = buildSignUpThrottleKeys({ email: input.email, ip });
  const claim = await claimThrottleAttempt({ keys, windowMs: env.SIGN_UP_WINDOW_MINUTES * 60_000 });
  if (!claim.allowed) throw new AppError("too_many_attempts", `Too many sign-up attempts. Try again in ${formatRetryAfter(claim.retryAfterMs)}.`);
  try {
    const passwordHash = await hashPassword(input.password);
    return await db.$transaction(async (tx) => {
      const company = await tx.company.create({ data: { name: input.companyName } });
      const user = await tx.user.create({
        data: { companyId: company.id, email: input.email, name: input.name, passwordHash, role: "admin" },
      });
      return { companyId: company.id, userId: user.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("email_taken", "An account with this email already exists. Sign in instead.");
    // Our failure, not the visitor's: the attempt does not count.
    if (!isAppError(error)) await releaseThrottleAttempt({ keys }).catch(() => undefined);
    throw error;
  }
};
