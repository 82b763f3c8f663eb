"use server";

import { ZSignUp } from "@/lib/auth/schemas";
import { signUp } from "@/lib/companies/sign-up";
import { actionError, validationError, type TActionResult } from "@/lib/errors/action-result";

/** Creates the company and its first admin; the form then signs in. */
export const signUpAction = async (input: unknown): Promise<TActionResult> => {
  const parsed = ZSignUp.safeParse(input);
  if (!parsed.success) return validationError(parsed.error);
  try {
    await signUp(parsed.data);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error, { email_taken: "email" });
  }
};
