"use client";

import { useActionState } from "react";
import type { TActionResult } from "@/lib/errors/action-result";
import type { TTestResult } from "@/lib/ingest/messages/send-test-message";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";

type TProps = { connectionId: string; sendTestAction: (prev: unknown, form: FormData) => Promise<TActionResult<TTestResult>> };

/** "Send test": a signed sample through the real front door, then each stage's outcome. */
export const SendTest = ({ connectionId, sendTestAction }: TProps) => {
  const [state, formAction, pending] = useActionState(sendTestAction, null);
  return (
    <div className="space-y-3">
      <form action={formAction} className="flex items-center gap-3">
        <input type="hidden" name="connectionId" value={connectionId} />
        <Button type="submit" disabled={pending}>{pending ? "Sending test…" : "Send test"}</Button>
        <span className="text-sm text-slate-600">Signs a sample envelope with the current secret and sends it to this connection&apos;s inbound URL. It is processed as a dry run: nothing is written to your fleet data.</span>
      </form>
      {state && !state.ok ? <FormAlert message={state.error.message} /> : null}
      {state?.ok ? (
        <section aria-label="Test result" className={`rounded-md border p-4 ${state.data.passed ? "border-green-300 bg-green-50" : "border-red-300 bg-red-50"}`}>
          <p role="status" className={`mb-2 text-lg font-semibold ${state.data.passed ? "text-green-800" : "text-red-800"}`}>{state.data.passed ? "Pass" : "Fail"}</p>
          <table className="text-sm">
            <tbody>
              {state.data.stages.map((stage) => (
                <tr key={stage.name}>
                  <th scope="row" className="py-0.5 pr-4 text-left font-medium">{stage.name}</th>
                  <td className="pr-3">{stage.ok ? "✓" : "✗"}<span className="sr-only">{stage.ok ? " ok" : " failed"}</span></td>
                  <td>{stage.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
};
