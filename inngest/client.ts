// The Inngest client and the events it carries, declared once with schemas.
import { eventType, Inngest } from "inngest";
import { z } from "zod";
import { env } from "@/lib/env";

export const inngest = new Inngest({
  id: "carrier-portal",
  // INNGEST_DEV on talks to a local Dev Server; otherwise Inngest Cloud with INNGEST_EVENT_KEY.
  // Parsed as a boolean in lib/env: "0" or "false" is off.
  isDev: env.INNGEST_DEV,
  eventKey: env.INNGEST_EVENT_KEY,
  signingKey: env.INNGEST_SIGNING_KEY,
});

/** A message was landed at the front door; carries only its id (also the event id, so Inngest de-duplicates). */
export const inboundMessageReceived = eventType("carriers/inbound-message.received", {
  schema: z.object({ messageId: z.string().min(1) }),
});

/** A callback delivery is due (its id is the event id, so a repeated relay is de-duplicated). */
export const callbackDeliveryCreated = eventType("callbacks/delivery.created", {
  schema: z.object({ deliveryId: z.string().min(1), endpointId: z.string().min(1).nullable() }),
});

/** A callback endpoint was deleted: its deliveries' runs are cancelled. */
export const callbackEndpointDeleted = eventType("callbacks/endpoint.deleted", {
  schema: z.object({ endpointId: z.string().min(1) }),
});

/** A pull connection's poll is due: one bounded cycle runs (one at a time per connection). */
export const connectorPollRequested = eventType("connectors/poll.requested", {
  schema: z.object({ connectionId: z.string().min(1) }),
});
