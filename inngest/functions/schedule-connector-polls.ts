// schedule-connector-polls: every minute, one connectors/poll.requested event
// per connection whose poll is due; poll-connection runs them.
import { cron } from "inngest";
import { connectorPollRequested, inngest } from "@/inngest/client";
import { listDuePolls } from "@/lib/connectors/pull/list-due-polls";

export const scheduleConnectorPolls = inngest.createFunction(
  { id: "schedule-connector-polls", triggers: [cron("* * * * *")], concurrency: 1 },
  async ({ step }) => {
    const due = await step.run("list-due-polls", () => listDuePolls());
    // One event id per connection and minute: a repeated tick does not start a second cycle.
    const minute = Math.floor(Date.now() / 60_000);
    if (due.length > 0) await step.sendEvent("request-polls", due.map((connectionId) => connectorPollRequested.create({ connectionId }, { id: `poll-${connectionId}-${minute}` })));
    return { requested: due.length };
  },
);
