// The Webfleet pull connector: pop → map → (land, by the runner) → ack in afterCommit. The ack
// releases exactly the batch the previous pop returned, so it is sent only once the page's
// messages are committed; until then every pop returns the same batch (at least once).
import { registerPullConnector } from "@/lib/connectors/pull/registry";
import type { TPullConnector } from "@/lib/connectors/pull/types";
import { ackQueueMessagesExtern } from "./ack-queue-messages-extern";
import { fetchWebfleetPage } from "./fetch-webfleet-page";
import { ZWebfleetSecrets, ZWebfleetSettings, type TWebfleetRetry } from "./types";

export { testWebfleetConnection } from "./test-webfleet-connection";

/** Builds the connector; tests pass `retry` to record Webfleet's retry waits instead of sleeping them. */
export const createWebfleetPullConnector = ({ retry }: { retry?: TWebfleetRetry } = {}): TPullConnector => ({
  slug: "webfleet",
  // popQueueMessagesExtern and ackQueueMessagesExtern are 10 per minute each.
  minIntervalSeconds: 6,
  fetchPage: async (context) => (await fetchWebfleetPage({ context, retry })).result,
  afterCommit: async ({ page, settings, secrets, dispatcher }) => {
    // An empty pop left nothing in flight: acknowledging it would only spend quota.
    if (page.messages.length === 0) return;
    const connection = { settings: ZWebfleetSettings.parse(settings ?? {}), secrets: ZWebfleetSecrets.parse(secrets), dispatcher };
    const acked = await ackQueueMessagesExtern({ connection, ...(retry ? { retry } : {}) });
    // Not acknowledged: the next pop returns the batch again and de-duplication on the msgids absorbs it.
    if (!acked.ok) throw new Error(acked.error.message, { cause: { kind: acked.error.kind, message: acked.error.message, ...(acked.error.retryAfterMs !== undefined ? { retryAfterMs: acked.error.retryAfterMs } : {}) } });
  },
});

export const webfleetPullConnector: TPullConnector = createWebfleetPullConnector();

registerPullConnector(webfleetPullConnector);
