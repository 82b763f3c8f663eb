import { env } from "@/lib/env";
import { sendOutboundRequest } from "@/lib/net/send-outbound-request";
import { judgeResponse, type TVerdict } from "./judge-response";
import type { TPrepared } from "./prepare-attempts";
import type { TCallbackTransport } from "./types";

// The part of the response body kept for the delivery log.
const EXCERPT_BYTES = 4_096;

/**
 * Sends one prepared delivery through the guarded agent, redirects not followed; never throws. It is signed
 * with the wall clock (receivers check webhook-timestamp against theirs); `now`, when given, is the time the
 * attempt is recorded and scheduled from (tests drive the schedule with it).
 */
export const sendPrepared = async ({ prepared, transport = {}, now }: { prepared: Extract<TPrepared, { kind: "send" }>; transport?: TCallbackTransport; now?: Date }): Promise<{ verdict: TVerdict; startedAt: Date }> => {
  const wall = new Date();
  const startedAt = now ?? wall;
  const result = await sendOutboundRequest({
    url: prepared.url, method: "POST", headers: prepared.sign(wall), body: prepared.body,
    timeoutMs: transport.timeoutMs ?? env.CALLBACK_TIMEOUT_MS, maxResponseBytes: EXCERPT_BYTES, dispatcher: transport.dispatcher,
  });
  return { verdict: judgeResponse(result), startedAt };
};
