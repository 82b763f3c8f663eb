// Sign-up: a new carrier company and its first user, an admin.
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { AppError } from "@/lib/errors/app-error";
import { hashPassword } from "@/lib/auth/hash-password";
import type { TSignUp } from "@/lib/auth/schemas";

/** Creates the company and its admin in one transaction. */
export const signUp = async (input: TSignUp): Promise<{ companyId: string; userId: string }> => {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const company = await tx.company.create({ data: { name: input.companyName } });
      const user = await tx.user.create({
        data: { companyId: company.id, email: input.email, name: input.name, passwordHash, role: "admin" },
      });
      return { companyId: company.id, userId: user.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("email_taken", "An account with this email already exists. Sign in instead.");
    throw error;
  }
};
