import type { Dispatcher } from "undici";
import type { CallbackDeliveryStatus } from "@/lib/db/generated/enums";

/** What started an attempt: the schedule (or the dispatcher), an admin's "Resend", or "Send test event". */
export type TAttemptTrigger = "scheduled" | "manual" | "test";

/** What became of one attempt (or of the decision not to send one), and the delivery's state afterwards. */
export type TAttemptOutcome = {
  deliveryId: string;
  /** The receiver answered 2xx. */
  succeeded: boolean;
  /** The receiver's status; null when no response arrived (or nothing was sent). */
  httpStatus: number | null;
  durationMs: number;
  /** Why it failed or was not sent: timeout, network_error, blocked_address, invalid_url, redirect, http_error,
   * gone, secret_unavailable; or, with nothing sent: endpoint_paused, endpoint_disabled, endpoint_deleted,
   * not_due, in_progress. Null on success. */
  errorCode: string | null;
  errorMessage: string | null;
  /** The delivery's status after this attempt. */
  status: CallbackDeliveryStatus;
  nextAttemptAt: Date | null;
};

/** How requests leave the process; the defaults are the guarded agent and CALLBACK_TIMEOUT_MS. Tests inject their own. */
export type TCallbackTransport = { dispatcher?: Dispatcher; timeoutMs?: number };
