"use client";

import { useActionState } from "react";
import type { TActionResult } from "@/lib/errors/action-result";
import { Button } from "@/components/ui/button";

type TProps = {
  action: (prev: unknown, form: FormData) => Promise<TActionResult>;
  fields: Record<string, string>;
  label: string;
  accessibleLabel?: string;
  variant?: "secondary" | "danger";
};

/** A single-button form for one server action, with its error shown beside it. */
export const ActionButtonForm = ({ action, fields, label, accessibleLabel, variant = "secondary" }: TProps) => {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      {Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <Button type="submit" variant={variant} disabled={pending} aria-label={accessibleLabel}>{label}</Button>
      {state && !state.ok ? <span role="alert" className="text-sm text-red-600">{state.error.message}</span> : null}
    </form>
  );
};
