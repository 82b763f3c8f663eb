// emit-timed-callback-events: every minute, the events that fire because time
// passed (silent units, expired offers, rotation grace ending within the hour).
import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { emitTimedEvents } from "@/lib/callbacks/events/emit-timed-events";

export const emitTimedCallbackEvents = inngest.createFunction(
  { id: "emit-timed-callback-events", triggers: [cron("* * * * *")], concurrency: 1 },
  async ({ step }) => step.run("emit-timed-events", () => emitTimedEvents()),
);
