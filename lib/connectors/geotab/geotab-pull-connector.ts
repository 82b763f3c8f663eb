// The Geotab pull connector: one GetFeed page of LogRecords per fetch, enriched and mapped (pull-geotab-page.ts).
// MyGeotab keeps no per-client position: the cursor (toVersion) is ours, stored by the poll cycle once the page's
// messages are committed, so nothing needs doing after commit.
import { registerPullConnector } from "@/lib/connectors/pull/registry";
import type { TPullConnector } from "@/lib/connectors/pull/types";
import { pullGeotabPage } from "./pull-geotab-page";

export { testGeotabConnection } from "./test-geotab-connection";

/** GetFeed is limited to 1 call per second per entity type (connector-protocols.md §2.3). */
const MIN_INTERVAL_SECONDS = 1;

export const geotabPullConnector: TPullConnector = {
  slug: "geotab",
  minIntervalSeconds: MIN_INTERVAL_SECONDS,
  fetchPage: async (context) => {
    const result = await pullGeotabPage({ context, mode: "poll" });
    if (!result.ok) return { ok: false, error: result.error, ...(result.session ? { session: result.session } : {}) };
    const { messages, vendorPayload, nextCursor, hasMore } = result.pull;
    return { ok: true, page: { messages, vendorPayload, nextCursor, hasMore }, session: result.session };
  },
};

registerPullConnector(geotabPullConnector);
