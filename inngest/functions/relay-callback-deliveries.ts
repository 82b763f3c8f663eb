// relay-callback-deliveries: every minute, hands deliveries whose event was never sent to Inngest
// (a crash after their commit) to deliver-callback.
import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { relayCallbackDeliveries } from "@/lib/callbacks/deliver/relay-callback-deliveries";

export const relayCallbackDeliveriesCron = inngest.createFunction(
  { id: "relay-callback-deliveries", triggers: [cron("* * * * *")] },
  async ({ step }) => step.run("relay", () => relayCallbackDeliveries()),
);
