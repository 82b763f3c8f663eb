// Webfleet's order types (reference §1.6): 1 service, 2 pickup, 3 delivery. A service call moves
// no freight, which the envelope calls a reposition; so does a type Webfleet adds later.
import type { TEnvelopeLeg } from "./types";

/** An order_type (number or numeric string) as a leg kind. */
export const toWebfleetLegKind = (orderType: unknown): TEnvelopeLeg["kind"] => {
  const type = Number(orderType);
  if (type === 2) return "pickup";
  if (type === 3) return "delivery";
  return "reposition";
};
