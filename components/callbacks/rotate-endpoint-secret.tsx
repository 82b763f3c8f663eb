"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import type { TEndpointReveal } from "@/app/(portal)/fleet/integrations/callback-actions";
import { CALLBACK_OVERLAP_CHOICES, DEFAULT_CALLBACK_OVERLAP, overlapLabel } from "@/lib/callbacks/endpoints/schemas";
import type { TActionResult } from "@/lib/errors/action-result";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { EndpointSecretReveal } from "./endpoint-secret-reveal";

type TProps = { endpointId: string; rotateAction: (prev: unknown, form: FormData) => Promise<TActionResult<TEndpointReveal>> };

/** "Rotate secret": a dialog with the overlap choice, then the new secret, once. */
export const RotateEndpointSecret = ({ endpointId, rotateAction }: TProps) => {
  const [state, formAction, pending] = useActionState(rotateAction, null);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (state?.ok) dialog.current?.close();
  }, [state]);

  return (
    <div className="space-y-3">
      <Button variant="secondary" onClick={() => dialog.current?.showModal()}>Rotate secret</Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <form action={formAction} className="space-y-4">
          <h2 id={titleId} className="text-lg font-semibold">Rotate callback signing secret</h2>
          <p className="text-sm text-slate-700">A new secret is issued and shown once. During the overlap every callback carries a signature with each secret, so receivers can switch without missing one.</p>
          <input type="hidden" name="endpointId" value={endpointId} />
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Keep signing with the old secret for</legend>
            <div className="mt-2 space-y-1">
              {CALLBACK_OVERLAP_CHOICES.map((choice) => (
                <label key={choice} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="overlap" value={choice} defaultChecked={choice === DEFAULT_CALLBACK_OVERLAP} />
                  {choice === "immediately" ? "No overlap: stop it immediately" : overlapLabel(choice)}
                </label>
              ))}
            </div>
          </fieldset>
          {state && !state.ok ? <FormAlert message={state.error.message} /> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>Cancel</Button>
            <Button type="submit" disabled={pending}>{pending ? "Rotating…" : "Rotate secret now"}</Button>
          </div>
        </form>
      </dialog>
      {state?.ok ? <EndpointSecretReveal secret={state.data.secret} snippets={state.data.snippets} previousValidUntil={state.data.previousValidUntil ?? null} /> : null}
    </div>
  );
};
