import { formatDateTime } from "@/components/ui/format-date";
import type { TAttemptOutcome } from "@/lib/callbacks/deliver/types";
import { deliveryStatusLabel } from "./endpoint-status";

/** One attempt's result in plain words: Passed / Failed, HTTP status, duration, the error, and what happens next. */
export const AttemptOutcome = ({ outcome, label }: { outcome: TAttemptOutcome; label: string }) => (
  <section aria-label={label} className={`rounded-md border p-3 text-sm ${outcome.succeeded ? "border-green-300 bg-green-50" : "border-red-300 bg-red-50"}`}>
    <p role="status" className={`font-semibold ${outcome.succeeded ? "text-green-800" : "text-red-800"}`}>{outcome.succeeded ? "Passed" : "Failed"}</p>
    <dl className="mt-1 grid grid-cols-[9rem_1fr] gap-x-2 gap-y-0.5">
      <dt className="text-slate-600">HTTP status</dt><dd>{outcome.httpStatus ?? "no response"}</dd>
      <dt className="text-slate-600">Duration</dt><dd>{outcome.durationMs} ms</dd>
      {outcome.errorCode ? <><dt className="text-slate-600">Error</dt><dd><code>{outcome.errorCode}</code>{outcome.errorMessage ? `: ${outcome.errorMessage}` : ""}</dd></> : null}
      <dt className="text-slate-600">Delivery</dt><dd>{deliveryStatusLabel(outcome.status)}{outcome.nextAttemptAt ? `, next attempt ${formatDateTime(new Date(outcome.nextAttemptAt))}` : ""}</dd>
    </dl>
  </section>
);
