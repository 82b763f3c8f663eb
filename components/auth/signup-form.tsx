"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { ZSignUp } from "@/lib/auth/schemas";
import type { TActionResult } from "@/lib/errors/action-result";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { useAccountForm } from "./use-account-form";

export const SignupForm = ({ signUpAction }: { signUpAction: (input: unknown) => Promise<TActionResult> }) => {
  const router = useRouter();
  const { fieldErrors, formError, pending, onSubmit } = useAccountForm(ZSignUp, async (input) => {
    const result = await signUpAction(input);
    if (!result.ok) return result;
    const signedIn = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    router.replace(signedIn?.ok ? "/fleet" : "/login");
    router.refresh();
  });

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4">
      <FormAlert message={formError} />
      <TextField label="Company name" name="companyName" autoComplete="organization" error={fieldErrors.companyName} />
      <TextField label="Name" name="name" autoComplete="name" error={fieldErrors.name} />
      <TextField label="Email" name="email" type="email" autoComplete="email" error={fieldErrors.email} />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters." error={fieldErrors.password} />
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Creating account…" : "Create account"}</Button>
    </form>
  );
};
