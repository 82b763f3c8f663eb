// The latest state per vehicle: the mapping takes objectuid ↔ objectno and driver names from it.
// Its quota is 6 per minute, so the caller refreshes it at most every few minutes.
import { z } from "zod";
import { callWebfleet } from "./call-webfleet";
import { ZWebfleetObjectReport, type TWebfleetCallOptions, type TWebfleetObjectRow, type TWebfleetResult } from "./types";

/** Fetches showObjectReportExtern: one row per vehicle of the account. */
export const showObjectReportExtern = async (options: TWebfleetCallOptions): Promise<TWebfleetResult<TWebfleetObjectRow[]>> => {
  const result = await callWebfleet({ ...options, action: "showObjectReportExtern" });
  if (!result.ok) return result;
  const parsed = ZWebfleetObjectReport.safeParse(result.value.body ?? []);
  if (!parsed.success) return { ok: false, error: { kind: "invalid_response", message: `Webfleet's object report is malformed: ${z.prettifyError(parsed.error).slice(0, 300)}` } };
  return { ok: true, value: parsed.data };
};
