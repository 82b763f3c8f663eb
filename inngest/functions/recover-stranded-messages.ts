// recover-stranded-messages: every minute, re-dispatches messages whose event
// was never sent or whose processing died (see lib/ingest/dispatch).
import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { sweepStrandedMessages } from "@/lib/ingest/dispatch/sweep-stranded-messages";

export const recoverStrandedMessages = inngest.createFunction(
  { id: "recover-stranded-messages", triggers: [cron("* * * * *")] },
  async ({ step }) => step.run("sweep", async () => ({ redispatched: (await sweepStrandedMessages()).length })),
);
