"use client";

import { useActionState } from "react";
import type { TAttemptOutcome } from "@/lib/callbacks/deliver/types";
import type { TActionResult } from "@/lib/errors/action-result";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { AttemptOutcome } from "./attempt-outcome";

type TProps = { endpointId: string; sendTestAction: (prev: unknown, form: FormData) => Promise<TActionResult<TAttemptOutcome>> };

/** "Send test event": callbacks.endpoint.test through the real delivery path, then the attempt in "Test delivery". */
export const SendTestEvent = ({ endpointId, sendTestAction }: TProps) => {
  const [state, formAction, pending] = useActionState(sendTestAction, null);
  return (
    <div className="space-y-3">
      <form action={formAction} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="endpointId" value={endpointId} />
        <Button type="submit" disabled={pending}>{pending ? "Sending test event…" : "Send test event"}</Button>
        <span className="text-sm text-slate-600">Sends <code>callbacks.endpoint.test</code>, signed like every event, and waits for the answer (up to 15 seconds).</span>
      </form>
      {state && !state.ok ? <FormAlert message={state.error.message} /> : null}
      {state?.ok ? <AttemptOutcome outcome={state.data} label="Test delivery" /> : null}
    </div>
  );
};
