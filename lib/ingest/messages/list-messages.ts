import { db } from "@/lib/db/client";
import type { TCounts } from "@/lib/ingest/normalize/types";

export const MESSAGE_STATUSES = ["received", "processing", "processed", "failed"] as const;
export type TMessageStatus = (typeof MESSAGE_STATUSES)[number];

export type TMessageIssue = { severity: "dropped" | "warning"; section: string; entryIndex: number | null; reason: string; detail: string };
export type TMessageRow = {
  id: string;
  receivedAt: Date;
  status: TMessageStatus;
  signatureVariant: "current" | "previous" | null;
  origin: "push" | "poll" | "email";
  dryRun: boolean;
  attempts: number;
  lastError: string | null;
  bodyPurgedAt: Date | null;
  counts: TCounts | null;
  acceptedTotal: number;
  droppedTotal: number;
  warningTotal: number;
  issues: TMessageIssue[];
};

const ISSUES_SHOWN = 100;

/** A connection's newest messages (optionally of one status), each with its first dropped entries; scoped to the company. */
export const listMessages = async ({ companyId, connectionId, status, take = 50 }: { companyId: string; connectionId: string; status?: TMessageStatus; take?: number }): Promise<TMessageRow[]> => {
  const rows = await db.inboundMessage.findMany({
    where: { companyId, connectionId, ...(status ? { status } : {}) },
    orderBy: { receivedAt: "desc" },
    take,
    omit: { body: true, vendorPayload: true },
    include: { issues: { orderBy: { id: "asc" }, take: ISSUES_SHOWN, select: { severity: true, section: true, entryIndex: true, reason: true, detail: true } } },
  });
  return rows.map((r) => ({ ...r, counts: (r.counts as TCounts | null) ?? null }));
};
