// The carrier-rest pull connector: one page of the carrier's own REST API per
// fetch, mapped with the carrier's JSONata expression. The cursor is the
// client's (feed cursor, page, offset, Link URL, "updated since" watermark);
// the session is the cached OAuth 2 token. Nothing needs acknowledging: the
// cursor stored after commit is all the state.
import { registerPullConnector } from "@/lib/connectors/pull/registry";
import type { TFetchResult, TPullConnector, TPullContext } from "@/lib/connectors/pull/types";
import { pullCarrierRestPage } from "./pull-carrier-rest-page";

/** Fetches one page for the poll cycle; never throws. */
const fetchPage = async (context: TPullContext): Promise<TFetchResult> => {
  try {
    const pulled = await pullCarrierRestPage(context);
    if (!pulled.ok) return { ok: false, error: pulled.error, session: pulled.session };
    const { page, messages } = pulled;
    return {
      ok: true,
      // The client answers a page only when its body parsed as JSON, and does not pass the vendor's content type on.
      page: { messages, vendorPayload: { body: page.rawText, contentType: "application/json" }, nextCursor: page.cursor, hasMore: page.hasMore },
      session: pulled.session,
    };
  } catch (error) {
    // A defect, not a vendor fault: logged in full here, a plain message for the poll status.
    console.error(`[connectors] carrier-rest fetch of connection ${context.connectionId} failed unexpectedly:`, error);
    return { ok: false, error: { kind: "transient", message: "The page could not be fetched because of an internal error; it is tried again." } };
  }
};

export const carrierRestPullConnector: TPullConnector = {
  slug: "carrier-rest",
  // The carrier's own quota is unknown; the settings' poll interval (at least 10 s) is what paces it.
  minIntervalSeconds: 1,
  fetchPage,
};

registerPullConnector(carrierRestPullConnector);
