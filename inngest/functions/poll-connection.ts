// poll-connection: one bounded cycle (at most 20 pages) per run. `singleton`
// keeps one poll loop per connection, even while a run waits; `throttle`
// paces a connection's runs to the strictest vendor quota (Webfleet's pop:
// 10 a minute); the cycle itself honours each vendor's rate-limit answers.
import { connectorPollRequested, inngest } from "@/inngest/client";
import { claimDuePolls } from "@/lib/connectors/pull/claim-due-polls";
import { runPollCycle } from "@/lib/connectors/pull/run-poll-cycle";
import { POLL_LEASE_MS } from "@/lib/connectors/pull/start-poll-scheduler";

export const pollConnection = inngest.createFunction(
  {
    id: "poll-connection",
    triggers: [connectorPollRequested],
    singleton: { key: "event.data.connectionId", mode: "skip" },
    throttle: { key: "event.data.connectionId", limit: 1, period: "6s" },
    retries: 2,
  },
  async ({ event, step }) => {
    const [claim] = await step.run("claim", () => claimDuePolls({ limit: 1, leaseMs: POLL_LEASE_MS, connectionId: event.data.connectionId }));
    // Not due any more, or another instance holds it: nothing to do.
    if (!claim) return { outcome: "skipped" as const };
    // One step: the cursor moves page by page inside it, so a retried step continues from the last committed page.
    return step.run("cycle", () => runPollCycle({ connectionId: claim.connectionId, lease: new Date(claim.lease) }));
  },
);
