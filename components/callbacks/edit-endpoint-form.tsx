"use client";

import { useActionState, useState } from "react";
import type { TActionResult } from "@/lib/errors/action-result";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { EventTypeFieldsets } from "./event-type-fieldsets";
import { PlainHttpWarning } from "./plain-http-warning";
import { useKeptFormAction } from "./use-kept-form-action";

type TProps = {
  endpoint: { id: string; url: string; description: string; eventTypes: string[] };
  updateAction: (prev: unknown, form: FormData) => Promise<TActionResult<{ changed: string[] }>>;
};

/** Edits an endpoint's URL, description and event types; what was typed stays when it is refused. */
export const EditEndpointForm = ({ endpoint, updateAction }: TProps) => {
  const [state, formAction, pending] = useActionState(updateAction, null);
  const [url, setUrl] = useState(endpoint.url);
  const submit = useKeptFormAction(formAction);
  const failed = state && !state.ok ? state : undefined;
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Edit callback endpoint">
      <input type="hidden" name="endpointId" value={endpoint.id} />
      <TextField label="Callback URL" name="url" type="url" inputMode="url" autoComplete="off" required maxLength={2000} value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={failed?.fieldErrors?.url} />
      <PlainHttpWarning url={url} />
      <TextField label="Description" name="description" autoComplete="off" maxLength={200} defaultValue={endpoint.description} error={failed?.fieldErrors?.description} />
      <EventTypeFieldsets selected={endpoint.eventTypes} error={failed?.fieldErrors?.eventTypes} />
      {failed && !failed.fieldErrors ? <FormAlert message={failed.error.message} /> : null}
      {state?.ok ? <FormAlert tone="success" message={state.data.changed.length === 0 ? "Nothing changed." : "Saved. Deliveries not yet sent go to the new settings."} /> : null}
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save changes"}</Button>
    </form>
  );
};
