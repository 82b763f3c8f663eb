// Every header of one delivery attempt. webhook-id is the event id, the same on every retry, resend
// and endpoint (receivers de-duplicate on it); x-betakom-delivery identifies the (event, endpoint) pair.
import { signCallback, type TCallbackSecret } from "./sign-callback";

export const CALLBACK_USER_AGENT = "BetakomCarrierPortal-Webhooks/1.0 (+callbacks)";

export type TCallbackHeaders = {
  "content-type": "application/json";
  "user-agent": string;
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
  "x-betakom-signature": string;
  "x-betakom-event": string;
  "x-betakom-delivery": string;
  "x-betakom-attempt": string;
};

/** Builds the signed headers of one attempt; the timestamp is this attempt's time (`now`), in Unix seconds. */
export const buildCallbackHeaders = ({ eventId, eventName, deliveryId, attempt, body, secrets, now = new Date() }: { eventId: string; eventName: string; deliveryId: string; attempt: number; body: string; secrets: readonly TCallbackSecret[]; now?: Date }): TCallbackHeaders => {
  const timestamp = Math.floor(now.getTime() / 1000);
  const signatures = signCallback({ webhookId: eventId, timestamp, body, secrets });
  return {
    "content-type": "application/json",
    "user-agent": CALLBACK_USER_AGENT,
    "webhook-id": eventId,
    "webhook-timestamp": String(timestamp),
    ...signatures,
    "x-betakom-event": eventName,
    "x-betakom-delivery": deliveryId,
    "x-betakom-attempt": String(attempt),
  };
};
