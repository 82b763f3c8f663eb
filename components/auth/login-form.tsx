"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { ZCredentials } from "@/lib/auth/schemas";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { fieldErrorsOf } from "./field-errors";

export const LoginForm = ({ callbackPath }: { callbackPath: string }) => {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = ZCredentials.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) return setFieldErrors(fieldErrorsOf(parsed.error));
    setFieldErrors({});
    setPending(true);
    const result = await signIn("credentials", { ...parsed.data, redirect: false });
    if (!result?.ok) {
      setPending(false);
      return setFieldErrors({ password: result?.error ?? "Sign-in failed. Please try again." });
    }
    router.replace(callbackPath);
    router.refresh();
  };

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4">
      <TextField label="Email" name="email" type="email" autoComplete="email" error={fieldErrors.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" error={fieldErrors.password} />
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Signing in…" : "Sign in"}</Button>
    </form>
  );
};
