"use client";

import { useActionState } from "react";
import type { TActionResult } from "@/lib/errors/action-result";
import type { TInviteCreated } from "@/lib/invites/types";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { SelectField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { formatDateTime } from "@/components/ui/format-date";

type TAction = (prev: unknown, form: FormData) => Promise<TActionResult<TInviteCreated>>;

export const InviteUserForm = ({ inviteUserAction }: { inviteUserAction: TAction }) => {
  const [state, formAction, pending] = useActionState(inviteUserAction, null);
  const failed = state && !state.ok ? state : undefined;

  return (
    <div className="space-y-4">
      <form action={formAction} noValidate className="grid grid-cols-1 items-start gap-4 sm:grid-cols-[1fr_12rem_auto]">
        <TextField label="Email" name="email" type="email" autoComplete="off" error={failed?.fieldErrors?.email} />
        <SelectField label="Role" name="role" defaultValue="member" error={failed?.fieldErrors?.role}>
          <option value="member">Member (read-only)</option>
          <option value="admin">Admin</option>
        </SelectField>
        <Button type="submit" className="sm:mt-6" disabled={pending}>{pending ? "Creating…" : "Create invite link"}</Button>
      </form>
      {failed && !failed.fieldErrors ? <FormAlert message={failed.error.message} /> : null}
      {/* Only ever rendered after the action ran in the browser, so window exists. */}
      {state?.ok ? (
        <div role="status" className="space-y-2 rounded-md border border-green-200 bg-green-50 p-4">
          <CopyField label="Invite link" value={`${window.location.origin}${state.data.path}`} />
          <p className="text-sm text-green-900">
            Send this link to {state.data.email}. It works once, until {formatDateTime(new Date(state.data.expiresAt))}, and is shown only now.
          </p>
        </div>
      ) : null}
    </div>
  );
};
