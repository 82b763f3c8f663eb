import type { CallbackAttemptTrigger, CallbackDeliveryStatus, CallbackEndpointStatus } from "@/lib/db/generated/enums";

/** An endpoint counts as failing (shown so, on its connection and the integrations list) from its 4th failure in a row. */
export const FAILING_AFTER_CONSECUTIVE_FAILURES = 4;

export const DELIVERY_STATUSES = ["pending", "succeeded", "failed", "exhausted", "blocked", "held", "aborted"] as const satisfies readonly CallbackDeliveryStatus[];

export type TEndpointView = {
  id: string;
  connectionId: string;
  url: string;
  description: string;
  /** Empty: every event type. */
  eventTypes: string[];
  status: CallbackEndpointStatus;
  disabledReason: string | null;
  disabledAt: Date | null;
  lastError: string | null;
  consecutiveFailures: number;
  failingSince: Date | null;
  /** Active, but its last attempts all failed (FAILING_AFTER_CONSECUTIVE_FAILURES or more in a row). */
  failing: boolean;
  secretHint: string;
  secretIssuedAt: Date;
  /** While the rotation overlap runs: until when the previous secret still signs. */
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  /** Attempts made in the last 24 hours, and the share of them that succeeded (null without attempts). */
  attempts24h: number;
  succeeded24h: number;
  successRate24h: number | null;
  lastDelivery: { id: string; at: Date; status: CallbackDeliveryStatus; eventName: string } | null;
  /** Deliveries held while the endpoint is paused or disabled (sent on resume), retrying, and given up. */
  held: number;
  retrying: number;
  exhausted: number;
};

export type TAttemptRow = {
  id: string;
  attempt: number;
  trigger: CallbackAttemptTrigger;
  startedAt: Date;
  durationMs: number;
  httpStatus: number | null;
  responseExcerpt: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  location: string | null;
  succeeded: boolean;
};

export type TDeliveryRow = {
  id: string;
  eventId: string;
  eventName: string;
  objectId: string;
  status: CallbackDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  createdAt: Date;
  attemptsLog: TAttemptRow[];
};

export type TDeliveryDetail = TDeliveryRow & { endpointId: string | null; connectionId: string; targetUrl: string | null; occurredAt: Date; sequence: string; body: string };
