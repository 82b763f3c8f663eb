"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { TActionResult } from "@/lib/errors/action-result";
import { CONNECTORS } from "@/lib/integrations/connectors";
import type { TReveal } from "@/lib/integrations/reveal-credentials";
import { Button, buttonClass } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { CredentialsReveal } from "./credentials-reveal";

type TAction = (prev: unknown, form: FormData) => Promise<TActionResult<TReveal & { connectionId: string }>>;

export const NewConnectionForm = ({ createConnectionAction }: { createConnectionAction: TAction }) => {
  const [state, formAction, pending] = useActionState(createConnectionAction, null);
  if (state?.ok) {
    return (
      <div className="space-y-4">
        <CredentialsReveal reveal={state.data} />
        <Link href={`/fleet/integrations/${state.data.connectionId}`} className={buttonClass("primary")}>Go to the connection</Link>
      </div>
    );
  }
  const failed = state && !state.ok ? state : undefined;
  return (
    <form action={formAction} noValidate className="max-w-lg space-y-4">
      {failed && !failed.fieldErrors ? <FormAlert message={failed.error.message} /> : null}
      <TextField label="Name" name="name" placeholder="e.g. Dispatch system" error={failed?.fieldErrors?.name} />
      <SelectField label="Connector" name="connector" defaultValue="inbound-webhook" error={failed?.fieldErrors?.connector}>
        {CONNECTORS.map((c) => <option key={c.slug} value={c.slug}>{c.label}</option>)}
      </SelectField>
      <p className="text-sm text-slate-600">
        For now every connector receives pushes of the canonical envelope at its own inbound URL; pulling from Webfleet, Geotab or a carrier&apos;s REST system, and e-mailed CSV, need connector settings that are not available yet.
      </p>
      <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create connection"}</Button>
    </form>
  );
};
