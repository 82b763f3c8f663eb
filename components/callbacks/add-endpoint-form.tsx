"use client";

import Link from "next/link";
import { useActionState, useRef, useState } from "react";
import type { TEndpointReveal } from "@/app/(portal)/fleet/integrations/callback-actions";
import type { TActionResult } from "@/lib/errors/action-result";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { EndpointSecretReveal } from "./endpoint-secret-reveal";
import { EventTypeFieldsets } from "./event-type-fieldsets";
import { PlainHttpWarning } from "./plain-http-warning";
import { useKeptFormAction } from "./use-kept-form-action";

type TProps = { connectionId: string; atLimit: boolean; addAction: (prev: unknown, form: FormData) => Promise<TActionResult<TEndpointReveal>> };

/** "Add callback endpoint": URL (warned when plain http), description and event types; then the secret, once. */
export const AddEndpointForm = ({ connectionId, atLimit, addAction }: TProps) => {
  const [url, setUrl] = useState("");
  const form = useRef<HTMLFormElement>(null);
  // Added: clear the form for the next one; refused: everything typed stays.
  const [state, formAction, pending] = useActionState(async (prev: unknown, data: FormData) => {
    const result = await addAction(prev, data);
    if (result.ok) {
      form.current?.reset();
      setUrl("");
    }
    return result;
  }, null);
  const submit = useKeptFormAction(formAction);
  const failed = state && !state.ok ? state : undefined;
  return (
    <div className="space-y-4">
      {state?.ok ? (
        <div className="space-y-2">
          <EndpointSecretReveal secret={state.data.secret} snippets={state.data.snippets} />
          <p className="text-sm"><Link href={`/fleet/integrations/${connectionId}/callbacks/${state.data.endpointId}`} className="text-brand-700 underline">Open the new endpoint</Link> to send a test event.</p>
        </div>
      ) : null}
      {atLimit ? (
        <p className="text-sm text-slate-700">This connection has the maximum of 10 callback endpoints. Delete one to add another.</p>
      ) : (
        <form ref={form} onSubmit={submit} noValidate className="space-y-4" aria-label="Add a callback endpoint">
          <h3 className="text-sm font-semibold text-slate-800">Add a callback endpoint</h3>
          <input type="hidden" name="connectionId" value={connectionId} />
          <TextField label="Callback URL" name="url" type="url" inputMode="url" autoComplete="off" placeholder="https://tms.example.com/hooks/betakom" required maxLength={2000}
            value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={failed?.fieldErrors?.url} hint="Must start with http:// or https://. We POST each event to it, signed." />
          <PlainHttpWarning url={url} />
          <TextField label="Description" name="description" autoComplete="off" maxLength={200} error={failed?.fieldErrors?.description} hint="Optional, up to 200 characters: what receives these events." />
          <EventTypeFieldsets selected={[]} error={failed?.fieldErrors?.eventTypes} />
          {failed && !failed.fieldErrors ? <FormAlert message={failed.error.message} /> : null}
          <Button type="submit" disabled={pending}>{pending ? "Adding…" : "Add callback endpoint"}</Button>
        </form>
      )}
    </div>
  );
};
