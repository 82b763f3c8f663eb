import { formatDateTime } from "@/components/ui/format-date";
import type { TEndpointView } from "@/lib/callbacks/endpoints/types";

const badge = {
  active: { label: "Active", className: "bg-green-100 text-green-800" },
  paused: { label: "Paused", className: "bg-amber-100 text-amber-900" },
  disabled: { label: "Disabled", className: "bg-red-100 text-red-800" },
  failing: { label: "Failing", className: "bg-orange-100 text-orange-900" },
} as const;

const reasons: Record<string, string> = {
  gone: "the receiver answered 410 Gone",
  receiver_disable: "the receiver answered with webhook-delivery: disable",
  failing: "every attempt failed for 5 days",
};

/** Why an endpoint was disabled, in words. */
export const disabledReasonText = (reason: string | null): string => (reason ? reasons[reason] ?? reason : "no reason was recorded");

/** The endpoint's status badge: active, paused, disabled, or failing (active, but its last attempts all failed). */
export const EndpointStatusBadge = ({ endpoint }: { endpoint: Pick<TEndpointView, "status" | "failing"> }) => {
  const style = badge[endpoint.failing ? "failing" : endpoint.status];
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${style.className}`}>{style.label}</span>;
};

const heldText = (held: number) => (held === 0 ? "No events are waiting." : `${held} event${held === 1 ? " is" : "s are"} held and will be sent when it is re-enabled.`);

/**
 * What is wrong with an endpoint, said out loud (role="alert"): disabled with its reason and last error, failing
 * with its streak, paused with what is held. Nothing for a healthy one.
 */
export const EndpointHealthAlert = ({ endpoint }: { endpoint: TEndpointView }) => {
  const name = endpoint.description || endpoint.url;
  if (endpoint.status === "disabled") {
    return (
      <div role="alert" aria-label={`Callback endpoint ${name} is disabled`} className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
        <p><strong>Disabled{endpoint.disabledAt ? ` ${formatDateTime(endpoint.disabledAt)}` : ""}</strong>: {disabledReasonText(endpoint.disabledReason)}. Nothing is sent to it.</p>
        {endpoint.lastError ? <p>Last error: {endpoint.lastError}</p> : null}
        <p>{heldText(endpoint.held)}</p>
      </div>
    );
  }
  if (endpoint.failing) {
    return (
      <div role="alert" aria-label={`Callback endpoint ${name} is failing`} className="rounded-md border border-orange-300 bg-orange-50 p-3 text-sm text-orange-900">
        <p><strong>Failing</strong>: the last {endpoint.consecutiveFailures} attempts failed{endpoint.failingSince ? ` (since ${formatDateTime(endpoint.failingSince)})` : ""}. It is disabled after 5 days of failures; retries continue until then.</p>
        {endpoint.lastError ? <p>Last error: {endpoint.lastError}</p> : null}
      </div>
    );
  }
  if (endpoint.status === "paused") {
    return (
      <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
        Paused: nothing is sent. {endpoint.held === 0 ? "No events are waiting." : `${endpoint.held} event${endpoint.held === 1 ? " is" : "s are"} held and will be sent when it is resumed.`}
      </p>
    );
  }
  return null;
};

/** "93 % of 14 attempts" over the last 24 hours, or that there were none. */
export const successRateText = (endpoint: Pick<TEndpointView, "successRate24h" | "attempts24h">): string =>
  endpoint.successRate24h === null ? "No attempts in the last 24 hours" : `${Math.round(endpoint.successRate24h * 100)} % of ${endpoint.attempts24h} attempt${endpoint.attempts24h === 1 ? "" : "s"} succeeded (24 h)`;

/** The last delivery's time and status, or that there was none. */
export const lastDeliveryText = (endpoint: Pick<TEndpointView, "lastDelivery">): string =>
  endpoint.lastDelivery ? `${formatDateTime(endpoint.lastDelivery.at)}, ${endpoint.lastDelivery.eventName}, ${deliveryStatusLabel(endpoint.lastDelivery.status)}` : "No deliveries yet";

const statusLabels: Record<string, string> = {
  pending: "pending",
  succeeded: "succeeded",
  failed: "failed (retrying)",
  exhausted: "exhausted (retries used up)",
  blocked: "blocked address",
  held: "held",
  aborted: "aborted",
};

/** A delivery status in words ("failed (retrying)"). */
export const deliveryStatusLabel = (status: string): string => statusLabels[status] ?? status;
