"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { ZCredentials } from "@/lib/auth/schemas";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useAccountForm } from "./use-account-form";

export const LoginForm = ({ callbackPath }: { callbackPath: string }) => {
  const router = useRouter();
  const { fieldErrors, pending, onSubmit } = useAccountForm(ZCredentials, async (credentials) => {
    const result = await signIn("credentials", { ...credentials, redirect: false });
    if (!result?.ok) {
      const message = result?.error ?? "Sign-in failed. Please try again.";
      return { ok: false, error: { code: "unauthenticated", message }, fieldErrors: { password: message } };
    }
    router.replace(callbackPath);
    router.refresh();
  });

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4">
      <TextField label="Email" name="email" type="email" autoComplete="email" error={fieldErrors.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" error={fieldErrors.password} />
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Signing in…" : "Sign in"}</Button>
    </form>
  );
};
