// One attempt for each delivery this caller has claimed: prepare, send them
// all at once, record them together. The dispatcher pipelines the same steps.
import { prepareAttempts, type TClaim } from "./prepare-attempts";
import { recordAttempts, type TFinished } from "./record-attempts";
import { sendPrepared } from "./send-prepared";
import type { TAttemptOutcome, TAttemptTrigger, TCallbackTransport } from "./types";

/** Attempts every claimed delivery once; returns the outcome of each it still held when recording. */
export const runClaimedAttempts = async ({ claims, trigger, now, random, transport }: { claims: TClaim[]; trigger: TAttemptTrigger; now?: Date; random?: () => number; transport?: TCallbackTransport }): Promise<Map<string, TAttemptOutcome>> => {
  const prepared = await prepareAttempts({ claims, now: now ?? new Date() });
  const finished = await Promise.all(prepared.map(async (p): Promise<TFinished> => {
    switch (p.kind) {
      case "skip":
        return { kind: "skip", prepared: p, trigger };
      case "failed":
        return { kind: "attempt", prepared: p, verdict: p.verdict, startedAt: now ?? new Date(), trigger, random };
      case "send": {
        const { verdict, startedAt } = await sendPrepared({ prepared: p, transport, now });
        return { kind: "attempt", prepared: p, verdict, startedAt, trigger, random };
      }
    }
  }));
  return recordAttempts({ items: finished });
};
