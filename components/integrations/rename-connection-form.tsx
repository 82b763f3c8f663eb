"use client";

import { useActionState } from "react";
import type { TActionResult } from "@/lib/errors/action-result";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";

type TProps = { connectionId: string; name: string; renameAction: (prev: unknown, form: FormData) => Promise<TActionResult> };

export const RenameConnectionForm = ({ connectionId, name, renameAction }: TProps) => {
  const [state, formAction, pending] = useActionState(renameAction, null);
  const failed = state && !state.ok ? state : undefined;
  return (
    <form action={formAction} noValidate className="flex items-start gap-3">
      <input type="hidden" name="connectionId" value={connectionId} />
      <div className="w-72"><TextField label="Connection name" name="name" defaultValue={name} error={failed?.fieldErrors?.name} /></div>
      <Button type="submit" variant="secondary" className="mt-6" disabled={pending}>Save name</Button>
      {failed && !failed.fieldErrors ? <FormAlert message={failed.error.message} /> : null}
      {state?.ok ? <span role="status" className="mt-8 text-sm text-green-700">Saved.</span> : null}
    </form>
  );
};
