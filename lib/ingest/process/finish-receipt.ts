// Receipts: counts per section and the dropped entries with reasons. The
// first 1,000 issues of a message are kept (and the totals). One statement
// for many messages, and only for the run that holds the claim: a run that
// lost its claim (it outlived its lease) writes nothing, so a receipt is
// written once. Rewriting a receipt under the same claim is idempotent.
import { db } from "@/lib/db/client";
import { emitEvents } from "@/lib/callbacks/events/emit-events";
import { messageProcessedEvent, type TMessageOrigin } from "@/lib/callbacks/events/message-events";
import type { TConnectionSettings } from "@/lib/integrations/connection-settings";
import type { TCounts, TIssue } from "@/lib/ingest/normalize/types";

export const MAX_STORED_ISSUES = 1_000;

export type TReceipt = {
  messageId: string;
  counts: TCounts;
  issues: TIssue[];
  settings: TConnectionSettings;
  /** Where the processed event goes; absent for dry runs, which tell no one. */
  origin?: TMessageOrigin;
};

const sectionOrder = { envelope: -1, positions: 0, plans: 1, availability: 2 } as const;
const sorted = (issues: TIssue[]) => [...issues].sort((a, b) => sectionOrder[a.section] - sectionOrder[b.section] || (a.index ?? -1) - (b.index ?? -1));
const total = (r: TReceipt, severity: TIssue["severity"]) => r.issues.filter((i) => i.severity === severity).length;
const accepted = (c: TCounts) => c.positions.accepted + c.plans.accepted + c.availability.accepted;

/** Stores the receipts, marks the messages processed and emits their processed events, in one transaction; returns the ids this claim finished. */
export const finishReceipts = async ({ receipts, claimToken, now = new Date() }: { receipts: TReceipt[]; claimToken: string; now?: Date }): Promise<string[]> => {
  if (receipts.length === 0) return [];
  const stored = receipts.flatMap((r) => sorted(r.issues).slice(0, MAX_STORED_ISSUES).map((i) => ({ ...i, messageId: r.messageId })));
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      WITH done AS (
        UPDATE inbound_messages AS m SET
          status = 'processed', processed_at = ${now}, last_error = NULL, last_error_code = NULL, claim_token = NULL,
          counts = v.counts::jsonb, accepted_total = v.accepted, dropped_total = v.dropped, warning_total = v.warnings,
          normalized_with = COALESCE(m.normalized_with, v.settings::jsonb)
        FROM unnest(${receipts.map((r) => r.messageId)}::text[], ${receipts.map((r) => JSON.stringify(r.counts))}::text[],
                    ${receipts.map((r) => accepted(r.counts))}::int[], ${receipts.map((r) => total(r, "dropped"))}::int[],
                    ${receipts.map((r) => total(r, "warning"))}::int[], ${receipts.map((r) => JSON.stringify(r.settings))}::text[])
             AS v(id, counts, accepted, dropped, warnings, settings)
        WHERE m.id = v.id AND m.status = 'processing' AND m.claim_token = ${claimToken}
        RETURNING m.id
      ), cleared AS (
        DELETE FROM ingest_issues WHERE message_id IN (SELECT id FROM done)
      ), added AS (
        INSERT INTO ingest_issues (message_id, severity, section, entry_index, reason, detail)
        SELECT i.message_id, i.severity::"IssueSeverity", i.section, i.entry_index, i.reason, i.detail
        FROM unnest(${stored.map((i) => i.messageId)}::text[], ${stored.map((i) => i.severity)}::text[], ${stored.map((i) => i.section)}::text[],
                    ${stored.map((i) => i.index)}::int[], ${stored.map((i) => i.reason)}::text[], ${stored.map((i) => i.detail)}::text[])
             AS i(message_id, severity, section, entry_index, reason, detail)
        WHERE i.message_id IN (SELECT id FROM done)
      )
      SELECT id FROM done`;
    const done = new Set(rows.map((r) => r.id));
    const events = receipts.flatMap((r) => (done.has(r.messageId) && r.origin ? [messageProcessedEvent({ origin: r.origin, counts: r.counts, issues: r.issues, processedAt: now })] : []));
    await emitEvents({ tx, events, now });
    return [...done];
  });
};
