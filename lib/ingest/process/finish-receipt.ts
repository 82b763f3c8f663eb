// Receipts: counts per section and the dropped entries with reasons. The
// first 1,000 issues of a message are kept (and the totals). One transaction
// for many messages; rewriting a receipt is idempotent.
import { db } from "@/lib/db/client";
import type { TCounts, TIssue } from "@/lib/ingest/normalize/types";

export const MAX_STORED_ISSUES = 1_000;

export type TReceipt = { messageId: string; counts: TCounts; issues: TIssue[] };

const sectionOrder = { positions: 0, plans: 1, availability: 2 } as const;
const sorted = (issues: TIssue[]) => [...issues].sort((a, b) => sectionOrder[a.section] - sectionOrder[b.section] || (a.index ?? -1) - (b.index ?? -1));

/** Stores the receipts and marks the messages processed. */
export const finishReceipts = async ({ receipts, now = new Date() }: { receipts: TReceipt[]; now?: Date }): Promise<void> => {
  if (receipts.length === 0) return;
  const ids = receipts.map((r) => r.messageId);
  const total = (r: TReceipt, severity: TIssue["severity"]) => r.issues.filter((i) => i.severity === severity).length;
  await db.$transaction([
    db.ingestIssue.deleteMany({ where: { messageId: { in: ids } } }),
    db.ingestIssue.createMany({
      data: receipts.flatMap((r) =>
        sorted(r.issues).slice(0, MAX_STORED_ISSUES).map((i) => ({ messageId: r.messageId, severity: i.severity, section: i.section, entryIndex: i.index, reason: i.reason, detail: i.detail })),
      ),
    }),
    db.$executeRaw`
      UPDATE inbound_messages AS m SET
        status = 'processed', processed_at = ${now}, last_error = NULL, counts = v.counts::jsonb,
        accepted_total = v.accepted, dropped_total = v.dropped, warning_total = v.warnings
      FROM unnest(${ids}::text[], ${receipts.map((r) => JSON.stringify(r.counts))}::text[],
                  ${receipts.map((r) => r.counts.positions.accepted + r.counts.plans.accepted + r.counts.availability.accepted)}::int[],
                  ${receipts.map((r) => total(r, "dropped"))}::int[], ${receipts.map((r) => total(r, "warning"))}::int[])
           AS v(id, counts, accepted, dropped, warnings)
      WHERE m.id = v.id`,
  ]);
};

/** One message's receipt. */
export const finishReceipt = ({ messageId, counts, issues, now }: { messageId: string; counts: TCounts; issues: TIssue[]; now?: Date }): Promise<void> =>
  finishReceipts({ receipts: [{ messageId, counts, issues }], now });
