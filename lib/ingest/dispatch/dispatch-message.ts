import { randomUUID } from "node:crypto";
import { env, isInngestEnabled } from "@/lib/env";
import { enqueueInProcess } from "./in-process-queue";

/** Why a message is handed to processing: first landing, an admin's retry, or the recovery sweep. */
export type TDispatchReason = "landed" | "retry" | "sweep";

export type TDispatch = { messageId: string; companyId: string; reason: TDispatchReason };

/**
 * The Inngest event id of one dispatch. The first dispatch uses the message id, so a repeated send
 * is de-duplicated; Inngest also drops any id it saw in the last 24 hours, so every later attempt
 * (retry, sweep) needs an id of its own or it would silently do nothing. Processing is idempotent.
 * Sweeps of one message within one claim lease share an id, so a long backlog is not multiplied.
 */
export const dispatchEventId = ({ messageId, reason, now = Date.now() }: Pick<TDispatch, "messageId" | "reason"> & { now?: number }): string => {
  switch (reason) {
    case "landed":
      return messageId;
    case "retry":
      return `${messageId}:retry:${randomUUID()}`;
    case "sweep":
      // One id per lease window: the sweep runs every minute, and a backlog must not become a run per message per minute.
      return `${messageId}:sweep:${Math.floor(now / (env.INGEST_CLAIM_LEASE_SECONDS * 1000))}`;
  }
};

/** Hands a landed message to processing: an Inngest event, or the in-process queue. */
export const dispatchMessage = async (dispatch: TDispatch): Promise<void> => {
  if (!isInngestEnabled()) return enqueueInProcess({ messageId: dispatch.messageId, companyId: dispatch.companyId });
  // Loaded only in Inngest mode: the front door is the hot path and should load nothing it does not use.
  const { inboundMessageReceived, inngest } = await import("@/inngest/client");
  await inngest.send(inboundMessageReceived.create({ messageId: dispatch.messageId }, { id: dispatchEventId(dispatch) }));
};
