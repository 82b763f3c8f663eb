"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { ZSignUp } from "@/lib/auth/schemas";
import type { TActionResult } from "@/lib/errors/action-result";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { fieldErrorsOf } from "./field-errors";

export const SignupForm = ({ signUpAction }: { signUpAction: (input: unknown) => Promise<TActionResult> }) => {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget));
    setFormError(null);
    const parsed = ZSignUp.safeParse(form);
    if (!parsed.success) return setFieldErrors(fieldErrorsOf(parsed.error));
    setFieldErrors({});
    setPending(true);
    const result = await signUpAction(parsed.data);
    if (!result.ok) {
      setPending(false);
      setFieldErrors(result.fieldErrors ?? {});
      return setFormError(result.fieldErrors ? null : result.error.message);
    }
    const signedIn = await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
    if (!signedIn?.ok) return router.replace("/login");
    router.replace("/fleet");
    router.refresh();
  };

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
