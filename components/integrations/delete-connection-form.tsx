"use client";

import { useActionState } from "react";
import type { TActionResult } from "@/lib/errors/action-result";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";

type TProps = { connectionId: string; name: string; deleteAction: (prev: unknown, form: FormData) => Promise<TActionResult> };

/** Deletion, confirmed by typing the connection's name. */
export const DeleteConnectionForm = ({ connectionId, name, deleteAction }: TProps) => {
  const [state, formAction, pending] = useActionState(deleteAction, null);
  const failed = state && !state.ok ? state : undefined;
  return (
    <form action={formAction} noValidate className="space-y-3">
      <input type="hidden" name="connectionId" value={connectionId} />
      <p className="text-sm text-slate-700">
        Its inbound URL stops working at once and cannot be restored. Fleet data already received stays. Type <strong>{name}</strong> to confirm.
      </p>
      <div className="max-w-sm"><TextField label="Type the connection's name" name="confirmName" autoComplete="off" error={failed?.fieldErrors?.confirmName} /></div>
      {failed && !failed.fieldErrors ? <FormAlert message={failed.error.message} /> : null}
      <Button type="submit" variant="danger" disabled={pending}>{pending ? "Deleting…" : "Delete connection"}</Button>
    </form>
  );
};
