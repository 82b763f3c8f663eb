// Claims one delivery for an attempt outside the dispatcher's batches (the
// Inngest step, "Resend", the test event). A scheduled attempt needs the
// delivery due; a manual one takes it in any state. Either way a row another
// attempt holds is not taken, so one delivery is never sent twice at once.
import { db } from "@/lib/db/client";
import type { CallbackDeliveryStatus } from "@/lib/db/generated/enums";
import type { TClaim } from "./prepare-attempts";
import type { TAttemptTrigger } from "./types";

export type TClaimRefusal = { reason: "not_found" | "in_progress" | "not_due"; status: CallbackDeliveryStatus | null; nextAttemptAt: Date | null };

/** The lease on the delivery, or why it could not be taken. */
export const claimDelivery = async ({ deliveryId, trigger, now, leaseMs }: { deliveryId: string; trigger: TAttemptTrigger; now: Date; leaseMs: number }): Promise<TClaim | TClaimRefusal> => {
  const lease = new Date(now.getTime() + leaseMs);
  const scheduled = trigger === "scheduled";
  const taken = await db.$queryRaw<{ id: string }[]>`
    UPDATE callback_deliveries SET locked_until = ${lease}::timestamptz
    WHERE id = ${deliveryId} AND (locked_until IS NULL OR locked_until < ${now}::timestamptz)
      AND (${!scheduled}::boolean OR (status IN ('pending', 'failed') AND next_attempt_at <= ${now}::timestamptz))
    RETURNING id`;
  if (taken.length > 0) return { deliveryId, lease };
  const row = await db.callbackDelivery.findUnique({ where: { id: deliveryId }, select: { status: true, nextAttemptAt: true, lockedUntil: true } });
  if (!row) return { reason: "not_found", status: null, nextAttemptAt: null };
  const held = row.lockedUntil !== null && row.lockedUntil >= now;
  return { reason: held ? "in_progress" : "not_due", status: row.status, nextAttemptAt: row.nextAttemptAt };
};
