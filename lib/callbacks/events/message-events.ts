// inbound.message.processed / .failed: what became of a message, for the
// integrator who sent it. At most 100 dropped entries are listed, with the
// total count.
import type { TCounts, TIssue } from "@/lib/ingest/normalize/types";
import type { TNewEvent } from "./emit-events";

const MAX_LISTED_DROPS = 100;

export type TMessageOrigin = { messageId: string; companyId: string; connectionId: string; callbackUrl: string | null; receivedAt: Date };

// Issue details start with the field's path ("legs[2].windowStart is after …"): that path is the field.
const FIELD_PATH = /^([a-z][A-Za-z0-9]*(?:\[\d+\])?(?:\.[a-z][A-Za-z0-9]*(?:\[\d+\])?)*)(?=:| (?:is|must|contains|has|appears|may|was|cannot|lies|looks|exceeds)\b)/;

/** The field an issue is about, when its detail names one. */
export const fieldOfIssue = (issue: Pick<TIssue, "detail" | "section">): string | null => {
  if (issue.section === "envelope") return "callback_url";
  const match = FIELD_PATH.exec(issue.detail);
  return match && match[1] !== "entry" ? match[1]! : null;
};

/** The processed event of a finished message. */
export const messageProcessedEvent = ({ origin, counts, issues, processedAt }: { origin: TMessageOrigin; counts: TCounts; issues: TIssue[]; processedAt: Date }): TNewEvent => {
  const dropped = issues.filter((i) => i.severity === "dropped");
  return {
    companyId: origin.companyId,
    connectionId: origin.connectionId,
    eventName: "inbound.message.processed",
    objectId: origin.messageId,
    occurredAt: processedAt,
    messageId: origin.messageId,
    callbackUrl: origin.callbackUrl,
    dedupeKey: `inbound.message.processed:${origin.messageId}`,
    data: {
      status: "processed",
      receivedAt: origin.receivedAt.toISOString(),
      processedAt: processedAt.toISOString(),
      counts,
      dropped: dropped.slice(0, MAX_LISTED_DROPS).map((i) => ({ section: i.section, index: i.index, reason: i.reason, field: fieldOfIssue(i), detail: i.detail })),
      droppedTotal: dropped.length,
      dropsTruncated: dropped.length > MAX_LISTED_DROPS,
      warningTotal: issues.length - dropped.length,
    },
  };
};

/** The failed event of a message whose processing gave up. */
export const messageFailedEvent = ({ origin, code, message, attempts, failedAt }: { origin: TMessageOrigin; code: string; message: string; attempts: number; failedAt: Date }): TNewEvent => ({
  companyId: origin.companyId,
  connectionId: origin.connectionId,
  eventName: "inbound.message.failed",
  objectId: origin.messageId,
  occurredAt: failedAt,
  messageId: origin.messageId,
  callbackUrl: origin.callbackUrl,
  // Once per failure: a message retried by an admin may fail again, and that is news.
  dedupeKey: `inbound.message.failed:${origin.messageId}:${attempts}`,
  data: { code, message, attempts },
});
