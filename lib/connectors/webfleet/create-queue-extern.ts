// The connector reads Webfleet's msgclass-0 queue (all messages, positions included). Whether
// creating an existing queue is an error is unverified (reference §7.1), so that answer counts as success.
import { callWebfleet } from "./call-webfleet";
import type { TWebfleetCallOptions, TWebfleetResult } from "./types";

const ALREADY_EXISTS = /already exists?/i;

/** Creates the connection's msgclass-0 message queue; an existing queue is success. */
export const createQueueExtern = async (options: TWebfleetCallOptions): Promise<TWebfleetResult<null>> => {
  const result = await callWebfleet({ ...options, action: "createQueueExtern", params: { msgclass: "0" } });
  if (result.ok) return { ok: true, value: null };
  if (result.error.kind === "permanent" && ALREADY_EXISTS.test(result.error.message)) return { ok: true, value: null };
  return result;
};
