// The receipt: counts per section and the dropped entries with reasons. The
// first 1,000 issues are kept (and the totals); rewriting it is idempotent.
import { db } from "@/lib/db/client";
import type { TCounts, TIssue } from "@/lib/ingest/normalize/types";

export const MAX_STORED_ISSUES = 1_000;

const sectionOrder = { positions: 0, plans: 1, availability: 2 } as const;

/** Stores the receipt and marks the message processed. */
export const finishReceipt = async ({ messageId, counts, issues, now = new Date() }: { messageId: string; counts: TCounts; issues: TIssue[]; now?: Date }): Promise<void> => {
  const sorted = [...issues].sort((a, b) => sectionOrder[a.section] - sectionOrder[b.section] || (a.index ?? -1) - (b.index ?? -1));
  const accepted = counts.positions.accepted + counts.plans.accepted + counts.availability.accepted;
  await db.$transaction([
    db.ingestIssue.deleteMany({ where: { messageId } }),
    db.ingestIssue.createMany({
      data: sorted.slice(0, MAX_STORED_ISSUES).map((i) => ({ messageId, severity: i.severity, section: i.section, entryIndex: i.index, reason: i.reason, detail: i.detail })),
    }),
    db.inboundMessage.update({
      where: { id: messageId },
      data: {
        status: "processed",
        processedAt: now,
        lastError: null,
        counts,
        acceptedTotal: accepted,
        droppedTotal: issues.filter((i) => i.severity === "dropped").length,
        warningTotal: issues.filter((i) => i.severity === "warning").length,
      },
    }),
  ]);
};
