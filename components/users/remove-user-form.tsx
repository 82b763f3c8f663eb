"use client";

import { useActionState, useState } from "react";
import type { TActionResult } from "@/lib/errors/action-result";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";

type TProps = { userId: string; name: string; removeUserAction: (prev: unknown, form: FormData) => Promise<TActionResult> };

export const RemoveUserForm = ({ userId, name, removeUserAction }: TProps) => {
  const [state, formAction, pending] = useActionState(removeUserAction, null);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) return <Button variant="danger" onClick={() => setConfirming(true)}>Remove user</Button>;
  return (
    <form action={formAction} className="space-y-3" aria-label="Confirm removal">
      <input type="hidden" name="userId" value={userId} />
      <p className="text-sm text-slate-800">Remove {name} from the company? They lose access immediately.</p>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={pending}>{pending ? "Removing…" : "Confirm removal"}</Button>
        <Button variant="secondary" onClick={() => setConfirming(false)}>Cancel</Button>
      </div>
      {state && !state.ok ? <FormAlert message={state.error.message} /> : null}
    </form>
  );
};
