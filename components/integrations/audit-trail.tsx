import { formatDateTime } from "@/components/ui/format-date";
import { auditLabel } from "@/lib/integrations/audit-labels";
import type { TAuditEvent } from "@/lib/integrations/list-audit-events";

const detailText = (event: TAuditEvent): string | null => {
  const d = event.details;
  if (event.action === "renamed") return `from “${String(d.from)}” to “${String(d.to)}”`;
  if (event.action === "token_rotated" || event.action === "secret_rotated") {
    if (d.previousUnreadable) return "the previous one could not be read, so it stopped immediately";
    return d.previousValidUntil ? `previous one valid until ${formatDateTime(new Date(String(d.previousValidUntil)))}` : "previous one stopped immediately";
  }
  if (event.action === "test_sent") {
    const outcome = d.result === "passed" ? "passed" : d.result === "failed" ? "failed" : "in progress";
    return `${outcome}${d.messageId ? `, message ${String(d.messageId)}` : ""}; test token valid until ${formatDateTime(new Date(String(d.tokenValidUntil)))} at most`;
  }
  if (event.action === "message_retried") return `message ${String(d.messageId)}`;
  if (event.action === "callback_secret_rotated") return `${String(d.url)}; ${d.previousValidUntil ? `previous one signs until ${formatDateTime(new Date(String(d.previousValidUntil)))}` : "previous one stopped immediately"}`;
  if (event.action === "callback_deliveries_recovered") return `${String(d.url)}; ${String(d.requeued)} since ${formatDateTime(new Date(String(d.since)))}`;
  if (event.action === "callback_endpoint_updated") return `${String(d.url)}; changed ${String(d.changed)}`;
  if (event.action.startsWith("callback_") && typeof d.url === "string") return d.url;
  return null;
};

/** Who changed what, and when, newest first. */
export const AuditTrail = ({ events }: { events: TAuditEvent[] }) => (
  <ol aria-label="Audit entries" className="divide-y divide-slate-100 text-sm">
    {events.map((event) => {
      const detail = detailText(event);
      return (
        <li key={event.id} className="flex justify-between gap-4 py-2">
          <span>
            <strong>{auditLabel(event.action)}</strong>{detail ? ` (${detail})` : ""} · {event.actorName}
          </span>
          <time dateTime={event.createdAt.toISOString()} className="shrink-0 text-slate-500">{formatDateTime(event.createdAt)}</time>
        </li>
      );
    })}
  </ol>
);
