"use client";

import { useActionState } from "react";
import type { TAttemptOutcome } from "@/lib/callbacks/deliver/types";
import type { TActionResult } from "@/lib/errors/action-result";
import { Button } from "@/components/ui/button";
import { AttemptOutcome } from "./attempt-outcome";

type TProps = { deliveryId: string; accessibleLabel: string; resendAction: (prev: unknown, form: FormData) => Promise<TActionResult<TAttemptOutcome>> };

/** "Resend": one manual attempt with the same webhook-id, and its outcome. */
export const ResendDelivery = ({ deliveryId, accessibleLabel, resendAction }: TProps) => {
  const [state, formAction, pending] = useActionState(resendAction, null);
  return (
    <div className="space-y-2">
      <form action={formAction}>
        <input type="hidden" name="deliveryId" value={deliveryId} />
        <Button type="submit" variant="secondary" disabled={pending} aria-label={accessibleLabel}>{pending ? "Resending…" : "Resend"}</Button>
      </form>
      {state && !state.ok ? <p role="alert" className="text-sm text-red-600">{state.error.message}</p> : null}
      {state?.ok ? <AttemptOutcome outcome={state.data} label="Resend result" /> : null}
    </div>
  );
};
