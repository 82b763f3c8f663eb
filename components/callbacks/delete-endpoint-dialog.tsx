"use client";

import { useActionState, useId, useRef } from "react";
import type { TActionResult } from "@/lib/errors/action-result";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";

type TProps = { endpointId: string; name: string; deleteAction: (prev: unknown, form: FormData) => Promise<TActionResult> };

/** "Delete endpoint", confirmed in a dialog: nothing more is sent to it and its waiting deliveries stop. */
export const DeleteEndpointDialog = ({ endpointId, name, deleteAction }: TProps) => {
  const [state, formAction, pending] = useActionState(deleteAction, null);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <div>
      <Button variant="danger" onClick={() => dialog.current?.showModal()}>Delete endpoint</Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <form action={formAction} className="space-y-4">
          <h2 id={titleId} className="text-lg font-semibold">Delete callback endpoint?</h2>
          <p className="text-sm text-slate-700">
            <span className="font-mono break-all">{name}</span> receives no more events, and its deliveries still waiting or retrying are stopped. This cannot be undone.
          </p>
          <input type="hidden" name="endpointId" value={endpointId} />
          {state && !state.ok ? <FormAlert message={state.error.message} /> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={pending}>{pending ? "Deleting…" : "Yes, delete endpoint"}</Button>
          </div>
        </form>
      </dialog>
    </div>
  );
};
