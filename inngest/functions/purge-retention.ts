// purge-retention: every hour, applies the retention rules (lib/retention),
// each rule its own step, so a failed rule is retried without redoing the rest.
import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { applyRetention } from "@/lib/retention/apply-retention";

export const purgeRetention = inngest.createFunction(
  // One run at a time: a long catch-up run is not joined by the next hour's.
  { id: "purge-retention", triggers: [cron("0 * * * *")], concurrency: 1 },
  async ({ step }) => applyRetention({ runStep: (id, work) => step.run(id, work) as never }),
);
