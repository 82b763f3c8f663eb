import Link from "next/link";
import { formatDateTime } from "@/components/ui/format-date";
import { buttonClass } from "@/components/ui/button";
import { CALLBACK_EVENT_NAMES } from "@/lib/callbacks/catalogue";
import type { TAttemptOutcome } from "@/lib/callbacks/deliver/types";
import { DELIVERY_STATUSES, type TAttemptRow, type TDeliveryRow } from "@/lib/callbacks/endpoints/types";
import type { TActionResult } from "@/lib/errors/action-result";
import { deliveryStatusLabel } from "./endpoint-status";
import { ResendDelivery } from "./resend-delivery";

type TProps = {
  basePath: string;
  deliveries: TDeliveryRow[];
  filters: { status?: string; event?: string };
  page: number;
  hasMore: boolean;
  canResend: boolean;
  resendAction: (prev: unknown, form: FormData) => Promise<TActionResult<TAttemptOutcome>>;
};

const statusClass: Record<string, string> = {
  pending: "bg-slate-100 text-slate-700",
  succeeded: "bg-green-100 text-green-800",
  failed: "bg-orange-100 text-orange-900",
  exhausted: "bg-red-100 text-red-800",
  blocked: "bg-red-100 text-red-800",
  held: "bg-amber-100 text-amber-900",
  aborted: "bg-slate-200 text-slate-700",
};

const selectClass = "mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (v === undefined || v === "" ? [] : [[k, String(v)]])));
  return search.size > 0 ? `?${search}` : "?";
};

const AttemptsTable = ({ attempts }: { attempts: TAttemptRow[] }) => (
  <table className="mt-2 w-full text-left text-xs">
    <thead className="text-slate-500"><tr><th className="py-1">Attempt</th><th>Time</th><th>HTTP status</th><th>Duration</th><th>Response</th><th>Error</th></tr></thead>
    <tbody className="align-top">
      {attempts.map((a) => (
        <tr key={a.id}>
          <td className="py-1">{a.trigger === "scheduled" ? `#${a.attempt}` : a.trigger === "manual" ? "resend" : "test"} {a.succeeded ? "✓" : "✗"}<span className="sr-only">{a.succeeded ? " succeeded" : " failed"}</span></td>
          <td><time dateTime={a.startedAt.toISOString()}>{formatDateTime(a.startedAt)}</time></td>
          <td>{a.httpStatus ?? "—"}</td>
          <td>{a.durationMs} ms</td>
          <td className="max-w-xs"><code className="break-all whitespace-pre-wrap">{a.responseExcerpt ? a.responseExcerpt.slice(0, 300) : ""}</code>{a.responseExcerpt && a.responseExcerpt.length > 300 ? "…" : ""}</td>
          <td>{a.errorCode ? <><code>{a.errorCode}</code>{a.errorMessage ? `: ${a.errorMessage}` : ""}{a.location ? ` (Location: ${a.location})` : ""}</> : null}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

/** An endpoint's deliveries, newest first, filtered by status and event, each with its attempts, next attempt and "Resend". */
export const DeliveryLog = ({ basePath, deliveries, filters, page, hasMore, canResend, resendAction }: TProps) => (
  <div className="space-y-4">
    <form method="get" action={basePath} className="flex flex-wrap items-end gap-3" aria-label="Filter deliveries">
      <label className="text-sm font-medium text-slate-700">Status
        <select name="status" defaultValue={filters.status ?? ""} className={selectClass}>
          <option value="">All statuses</option>
          {DELIVERY_STATUSES.map((s) => <option key={s} value={s}>{deliveryStatusLabel(s)}</option>)}
        </select>
      </label>
      <label className="text-sm font-medium text-slate-700">Event
        <select name="event" defaultValue={filters.event ?? ""} className={selectClass}>
          <option value="">All events</option>
          {CALLBACK_EVENT_NAMES.map((name) => <option key={name} value={name}>{name}</option>)}
        </select>
      </label>
      <button type="submit" className={buttonClass("secondary")}>Filter</button>
    </form>
    {deliveries.length === 0 ? (
      <p className="text-sm text-slate-600">{filters.status || filters.event ? "No deliveries match these filters." : "No deliveries yet. Use \"Send test event\", or send data through the connection."}</p>
    ) : (
      <ul aria-label="Deliveries" className="divide-y divide-slate-100">
        {deliveries.map((d) => (
          <li key={d.id} className="py-3 text-sm">
            <div className="flex flex-wrap items-center gap-3">
              <time dateTime={d.createdAt.toISOString()} className="font-medium">{formatDateTime(d.createdAt)}</time>
              <code>{d.eventName}</code>
              <span>id <code>{d.objectId}</code></span>
              <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusClass[d.status] ?? ""}`}>{deliveryStatusLabel(d.status)}</span>
              <span className="text-slate-600">{d.attempts} scheduled attempt{d.attempts === 1 ? "" : "s"}</span>
              {d.nextAttemptAt ? <span className="text-slate-600">Next attempt <time dateTime={d.nextAttemptAt.toISOString()}>{formatDateTime(d.nextAttemptAt)}</time></span> : null}
              <Link href={`${basePath}${query({ status: filters.status, event: filters.event, page: page > 1 ? page : undefined, delivery: d.id })}#delivery-detail`} scroll={false} className="text-brand-700 underline" aria-label={`Show body of ${d.eventName} for ${d.objectId}`}>Show body</Link>
            </div>
            {d.attemptsLog.length > 0 ? <AttemptsTable attempts={d.attemptsLog} /> : <p className="mt-1 text-xs text-slate-500">{d.status === "held" ? "Held: sent when the endpoint is active again." : "Not attempted yet."}</p>}
            {canResend && d.status !== "held" ? (
              <div className="mt-2"><ResendDelivery deliveryId={d.id} accessibleLabel={`Resend ${d.eventName} for ${d.objectId} from ${formatDateTime(d.createdAt)}`} resendAction={resendAction} /></div>
            ) : null}
          </li>
        ))}
      </ul>
    )}
    <nav aria-label="Delivery pages" className="flex gap-4 text-sm">
      {page > 1 ? <Link href={`${basePath}${query({ ...filters, page: page - 1 > 1 ? page - 1 : undefined })}`} className="text-brand-700 underline">Newer deliveries</Link> : null}
      {hasMore ? <Link href={`${basePath}${query({ ...filters, page: page + 1 })}`} className="text-brand-700 underline">Older deliveries</Link> : null}
    </nav>
  </div>
);
