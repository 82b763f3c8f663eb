// Acknowledging releases everything the previous pop returned (there is no msgid list), so the
// caller sends it only after that page's message is committed: until then a pop returns it again.
import { callWebfleet } from "./call-webfleet";
import type { TWebfleetCallOptions, TWebfleetResult } from "./types";

/** Acknowledges the last popped batch of the msgclass-0 queue. */
export const ackQueueMessagesExtern = async (options: TWebfleetCallOptions): Promise<TWebfleetResult<null>> => {
  const result = await callWebfleet({ ...options, action: "ackQueueMessagesExtern", params: { msgclass: "0" } });
  return result.ok ? { ok: true, value: null } : result;
};
