// Webfleet's order states (reference §1.6; the 2xx table is partly from memory, so ranges, not a
// list): 401 finished, 301 cancelled and 302 rejected; 2xx are the states of an order being
// carried out (started, arrived, work started/finished, departed, resumed, suspended).
import type { TEnvelopePlan } from "./types";

/** An order_state (number or numeric string) as the plan status of the canonical envelope. */
export const toWebfleetPlanStatus = (orderState: unknown): TEnvelopePlan["status"] => {
  const state = typeof orderState === "string" && orderState.trim() !== "" ? Number(orderState) : orderState;
  if (typeof state !== "number" || !Number.isInteger(state)) return "planned";
  if (state === 401) return "completed";
  if (state === 301 || state === 302) return "cancelled";
  if (state >= 200 && state < 300) return "in_progress";
  return "planned";
};
