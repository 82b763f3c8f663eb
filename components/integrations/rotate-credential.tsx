"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import type { TActionResult } from "@/lib/errors/action-result";
import { DEFAULT_GRACE, GRACE_CHOICES } from "@/lib/integrations/grace";
import type { TReveal } from "@/lib/integrations/reveal-credentials";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { CredentialsReveal } from "./credentials-reveal";

type TProps = { connectionId: string; credential: "token" | "secret"; rotateAction: (prev: unknown, form: FormData) => Promise<TActionResult<TReveal>> };

/** "Rotate token" / "Rotate secret": a confirmation dialog with the grace choice, then the reveal panel. */
export const RotateCredential = ({ connectionId, credential, rotateAction }: TProps) => {
  const [state, formAction, pending] = useActionState(rotateAction, null);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const title = credential === "token" ? "Rotate token" : "Rotate secret";
  const noun = credential === "token" ? "token (and with it the inbound URL)" : "signing secret";

  useEffect(() => {
    if (state?.ok) dialog.current?.close();
  }, [state]);

  return (
    <div className="space-y-3">
      <Button variant="secondary" onClick={() => dialog.current?.showModal()}>{title}</Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <form action={formAction} className="space-y-4">
          <h2 id={titleId} className="text-lg font-semibold">{title}</h2>
          <p className="text-sm text-slate-700">A new {noun} is issued and shown once. Integrations must switch to it before the old one stops working.</p>
          <input type="hidden" name="connectionId" value={connectionId} />
          <input type="hidden" name="credential" value={credential} />
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Keep the old {credential} working for</legend>
            <div className="mt-2 space-y-1">
              {Object.entries(GRACE_CHOICES).map(([key, choice]) => (
                <label key={key} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="grace" value={key} defaultChecked={key === DEFAULT_GRACE} />
                  {choice.label === "Immediately" ? "No grace: stop it immediately" : choice.label}
                </label>
              ))}
            </div>
          </fieldset>
          {state && !state.ok ? <FormAlert message={state.error.message} /> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>Cancel</Button>
            <Button type="submit" disabled={pending}>{pending ? "Rotating…" : title}</Button>
          </div>
        </form>
      </dialog>
      {state?.ok ? <CredentialsReveal reveal={state.data} /> : null}
    </div>
  );
};
