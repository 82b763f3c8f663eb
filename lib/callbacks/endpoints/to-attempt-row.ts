import type { CallbackAttempt } from "@/lib/db/generated/client";
import type { TAttemptRow } from "./types";

/** An attempt as the delivery log shows it (its bigint id as text). */
export const toAttemptRow = (a: CallbackAttempt): TAttemptRow => ({
  id: a.id.toString(), attempt: a.attempt, trigger: a.trigger, startedAt: a.startedAt, durationMs: a.durationMs, httpStatus: a.httpStatus,
  responseExcerpt: a.responseExcerpt, errorCode: a.errorCode, errorMessage: a.errorMessage, location: a.location, succeeded: a.succeeded,
});
