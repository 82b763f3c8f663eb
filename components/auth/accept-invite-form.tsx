"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { z } from "zod";
import { ZNewPassword, ZPersonName } from "@/lib/auth/schemas";
import type { TActionResult } from "@/lib/errors/action-result";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { useAccountForm } from "./use-account-form";

const ZForm = z.object({ name: ZPersonName, password: ZNewPassword });

type TProps = { token: string; email: string; acceptInviteAction: (input: unknown) => Promise<TActionResult<{ email: string }>> };

export const AcceptInviteForm = ({ token, email, acceptInviteAction }: TProps) => {
  const router = useRouter();
  const { fieldErrors, formError, pending, onSubmit } = useAccountForm(ZForm, async (input) => {
    const result = await acceptInviteAction({ token, ...input });
    if (!result.ok) return result;
    const signedIn = await signIn("credentials", { email: result.data.email, password: input.password, redirect: false });
    router.replace(signedIn?.ok ? "/fleet" : "/login");
    router.refresh();
  });

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4">
      <FormAlert message={formError} />
      <TextField label="Email" name="email" value={email} readOnly />
      <TextField label="Name" name="name" autoComplete="name" error={fieldErrors.name} />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters." error={fieldErrors.password} />
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Joining…" : "Accept invite"}</Button>
    </form>
  );
};
