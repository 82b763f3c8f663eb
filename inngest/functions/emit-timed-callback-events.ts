// emit-timed-callback-events: every minute, the events that fire because time
// passed (silent units, expired offers, rotation grace ending within the hour).
import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { emitTimedEvents } from "@/lib/callbacks/events/emit-timed-events";
import { relayCallbackDeliveries } from "@/lib/callbacks/deliver/relay-callback-deliveries";

export const emitTimedCallbackEvents = inngest.createFunction(
  { id: "emit-timed-callback-events", triggers: [cron("* * * * *")], concurrency: 1 },
  async ({ step }) => {
    const counts = await step.run("emit-timed-events", () => emitTimedEvents());
    // Their deliveries go to Inngest now rather than at the relay cron's next minute.
    if (Object.values(counts).some((n) => n > 0)) await step.run("relay-deliveries", () => relayCallbackDeliveries());
    return counts;
  },
);
