import Link from "next/link";
import type { TActionResult } from "@/lib/errors/action-result";
import { MESSAGE_STATUSES, type TMessageRow, type TMessageStatus } from "@/lib/ingest/messages/list-messages";
import { ActionButtonForm } from "@/components/ui/action-button-form";
import { formatDateTime } from "@/components/ui/format-date";

type TProps = {
  connectionId: string;
  messages: TMessageRow[];
  status?: TMessageStatus;
  canRetry: boolean;
  retryMessageAction: (prev: unknown, form: FormData) => Promise<TActionResult>;
};

const statusClass: Record<TMessageStatus, string> = {
  received: "bg-slate-100 text-slate-700",
  processing: "bg-blue-100 text-blue-800",
  processed: "bg-green-100 text-green-800",
  failed: "bg-red-100 text-red-800",
};

const countsText = (m: TMessageRow) =>
  m.counts
    ? (["positions", "plans", "availability"] as const)
        .filter((s) => m.counts![s].received > 0 || m.counts![s].dropped > 0)
        .map((s) => {
          const c = m.counts![s];
          const extras = [c.dropped && `${c.dropped} dropped`, c.duplicate && `${c.duplicate} duplicate`, c.stale && `${c.stale} stale`].filter(Boolean).join(", ");
          return `${s}: ${c.accepted}/${c.received} accepted${extras ? ` (${extras})` : ""}`;
        })
        .join("; ") || "empty envelope"
    : "—";

/** Every message of the connection, newest first, with its receipt. */
/** How the message arrived: pushed (and which secret verified it), pulled by the connector, or mailed. */
const originText = (m: TMessageRow): string => {
  switch (m.origin) {
    case "push":
      return `pushed, verified by ${m.signatureVariant ?? "no"} secret`;
    case "poll":
      return "pulled by the connector";
    case "email":
      return "received by mail";
  }
};

export const MessagesList = ({ connectionId, messages, status, canRetry, retryMessageAction }: TProps) => (
  <div className="space-y-3">
    <nav aria-label="Filter messages by status" className="flex gap-2 text-sm">
      {[undefined, ...MESSAGE_STATUSES].map((s) => (
        <Link key={s ?? "all"} href={s ? `?status=${s}` : "?"} scroll={false} aria-current={s === status ? "page" : undefined}
          className={`rounded-full px-3 py-1 capitalize ${s === status ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}>
          {s ?? "All"}
        </Link>
      ))}
    </nav>
    {messages.length === 0 ? (
      <p className="text-sm text-slate-600">{status ? `No ${status} messages.` : "No messages yet. Use \"Send test\" or one of the snippets to send the first one."}</p>
    ) : (
      <ul aria-label="Messages" className="divide-y divide-slate-100">
        {messages.map((m) => (
          <li key={m.id} className="py-3 text-sm">
            <div className="flex flex-wrap items-center gap-3">
              <time dateTime={m.receivedAt.toISOString()} className="font-medium">{formatDateTime(m.receivedAt)}</time>
              <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusClass[m.status]}`}>{m.status}</span>
              {m.dryRun ? <span className="rounded-full bg-purple-100 px-2 py-0.5 text-xs text-purple-800">test</span> : null}
              <span className="text-slate-600">{originText(m)}</span>
              <span className="text-slate-600">{countsText(m)}</span>
              {m.status === "failed" && canRetry && !m.bodyPurgedAt ? <ActionButtonForm action={retryMessageAction} fields={{ connectionId, messageId: m.id }} label="Retry" accessibleLabel={`Retry message from ${formatDateTime(m.receivedAt)}`} /> : null}
            </div>
            {m.lastError ? <p className="mt-1 text-red-700">Error (attempt {m.attempts}): {m.lastError}</p> : null}
            {m.bodyPurgedAt ? <p className="mt-1 text-gray-600">Raw message removed by retention on {formatDateTime(m.bodyPurgedAt)}; its receipt is kept.</p> : null}
            {m.issues.length > 0 ? (
              <details className="mt-2">
                <summary className="cursor-pointer text-slate-700">{m.droppedTotal} dropped, {m.warningTotal} warning{m.warningTotal === 1 ? "" : "s"}</summary>
                <table className="mt-2 w-full text-left text-xs">
                  <thead className="text-slate-500"><tr><th>Section</th><th>Entry</th><th>Outcome</th><th>Reason</th><th>Detail</th></tr></thead>
                  <tbody>
                    {m.issues.map((issue, i) => (
                      <tr key={i}>
                        <td>{issue.section}</td>
                        <td>{issue.entryIndex ?? "whole section"}</td>
                        <td>{issue.severity === "dropped" ? "dropped" : "kept, field ignored"}</td>
                        <td><code>{issue.reason}</code></td>
                        <td>{issue.detail}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {m.droppedTotal + m.warningTotal > m.issues.length ? <p className="mt-1 text-xs text-slate-500">Showing the first {m.issues.length} of {m.droppedTotal + m.warningTotal}.</p> : null}
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    )}
  </div>
);
