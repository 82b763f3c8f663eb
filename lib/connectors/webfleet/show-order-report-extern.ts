// Orders (dispatch plans) with their destination and state; the mapping turns rows into plans.
import { z } from "zod";
import { callWebfleet } from "./call-webfleet";
import { ZWebfleetOrderReport, type TWebfleetCallOptions, type TWebfleetOrderRow, type TWebfleetResult } from "./types";

/** Fetches showOrderReportExtern, optionally for one order id. */
export const showOrderReportExtern = async ({ orderId, ...options }: TWebfleetCallOptions & { orderId?: string }): Promise<TWebfleetResult<TWebfleetOrderRow[]>> => {
  const result = await callWebfleet({ ...options, action: "showOrderReportExtern", params: orderId ? { orderid: orderId } : {} });
  if (!result.ok) return result;
  const parsed = ZWebfleetOrderReport.safeParse(result.value.body ?? []);
  if (!parsed.success) return { ok: false, error: { kind: "invalid_response", message: `Webfleet's order report is malformed: ${z.prettifyError(parsed.error).slice(0, 300)}` } };
  return { ok: true, value: parsed.data };
};
