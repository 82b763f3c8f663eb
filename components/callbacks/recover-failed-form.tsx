"use client";

import { useActionState } from "react";
import type { TActionResult } from "@/lib/errors/action-result";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { useKeptFormAction } from "./use-kept-form-action";

type TProps = { endpointId: string; defaultSince: string; recoverAction: (prev: unknown, form: FormData) => Promise<TActionResult<{ requeued: number }>> };

/** "Recover failed since…": re-queues every failed or exhausted delivery of the endpoint since a chosen time. */
export const RecoverFailedForm = ({ endpointId, defaultSince, recoverAction }: TProps) => {
  const [state, formAction, pending] = useActionState(recoverAction, null);
  const submit = useKeptFormAction(formAction);
  const failed = state && !state.ok ? state : undefined;
  return (
    <form onSubmit={submit} noValidate className="space-y-2" aria-label="Recover failed deliveries">
      <input type="hidden" name="endpointId" value={endpointId} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-64"><TextField label="Failed since (UTC)" name="since" type="datetime-local" defaultValue={defaultSince} error={failed?.fieldErrors?.since} /></div>
        <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Recovering…" : "Recover failed deliveries"}</Button>
      </div>
      <p className="text-xs text-slate-500">Every failed or exhausted delivery since then is sent again with its original webhook-id; succeeded ones are not.</p>
      {failed && !failed.fieldErrors ? <FormAlert message={failed.error.message} /> : null}
      {state?.ok ? <FormAlert tone="success" message={state.data.requeued === 0 ? "No failed deliveries since then." : `${state.data.requeued} deliver${state.data.requeued === 1 ? "y was" : "ies were"} queued again.`} /> : null}
    </form>
  );
};
