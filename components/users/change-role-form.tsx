"use client";

import { useActionState } from "react";
import type { TActionResult } from "@/lib/errors/action-result";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";

type TProps = { userId: string; role: "admin" | "member"; changeRoleAction: (prev: unknown, form: FormData) => Promise<TActionResult> };

export const ChangeRoleForm = ({ userId, role, changeRoleAction }: TProps) => {
  const [state, formAction, pending] = useActionState(changeRoleAction, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="userId" value={userId} />
      <div className="flex items-end gap-3">
        <div className="w-56">
          <SelectField label="Role" name="role" defaultValue={role}>
            <option value="member">Member (read-only)</option>
            <option value="admin">Admin</option>
          </SelectField>
        </div>
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save role"}</Button>
      </div>
      {state && !state.ok ? <FormAlert message={state.error.message} /> : null}
      {state?.ok ? <FormAlert tone="success" message="Role saved." /> : null}
    </form>
  );
};
