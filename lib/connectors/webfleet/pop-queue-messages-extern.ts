// A pop returns the unacknowledged batch (at most 500), again and again until it is acked. A queue
// that is missing (never created, or expired unpolled: retention is unverified) is created once
// and popped again, so the first poll and a lapsed queue need no special handling by the caller.
import { z } from "zod";
import { callWebfleet } from "./call-webfleet";
import { createQueueExtern } from "./create-queue-extern";
import { ZWebfleetQueuePage, type TWebfleetCallOptions, type TWebfleetQueueMessage, type TWebfleetResult } from "./types";

/** The popped batch, and the response text as Webfleet sent it (kept with the landed message). */
export type TWebfleetQueuePop = { messages: TWebfleetQueueMessage[]; raw: string };

const MISSING_QUEUE = /queue.*(does not exist|doesn't exist|not exist|not found|unknown)|no (such )?queue/i;

const popOnce = async (options: TWebfleetCallOptions): Promise<TWebfleetResult<TWebfleetQueuePop>> => {
  const result = await callWebfleet({ ...options, action: "popQueueMessagesExtern", params: { msgclass: "0" } });
  if (!result.ok) return result;
  // Webfleet answers an empty queue with an empty body or [].
  const parsed = ZWebfleetQueuePage.safeParse(result.value.body ?? []);
  if (!parsed.success) return { ok: false, error: { kind: "invalid_response", message: `Webfleet's queue page is malformed: ${z.prettifyError(parsed.error).slice(0, 300)}` } };
  return { ok: true, value: { messages: parsed.data, raw: result.value.raw } };
};

/** Pops the msgclass-0 queue: the outstanding batch (msgids as strings) and its raw text, creating the queue when it is missing. */
export const popQueueMessagesExtern = async (options: TWebfleetCallOptions): Promise<TWebfleetResult<TWebfleetQueuePop>> => {
  const first = await popOnce(options);
  if (first.ok || first.error.kind !== "permanent" || !MISSING_QUEUE.test(first.error.message)) return first;
  const created = await createQueueExtern(options);
  return created.ok ? popOnce(options) : created;
};
