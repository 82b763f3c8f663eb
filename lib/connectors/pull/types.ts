// The shape every pull connector has: it fetches one page at a time from the
// vendor, from a cursor, and says what the page becomes (a canonical
// envelope) and which cursor to store once that page's message is committed.
// The machinery around it (lib/connectors/pull/) lands, schedules, backs off
// and records; a connector only speaks its vendor's protocol.
import type { Dispatcher } from "undici";

export type TConnectorErrorKind = "auth" | "rate_limited" | "transient" | "permanent" | "blocked_address" | "invalid_response";

/** `message` is safe to show the carrier: the vendor's own words and ours, never a secret. */
export type TPullError = { kind: TConnectorErrorKind; message: string; retryAfterMs?: number };

export type TCanonicalEnvelope = { positions: unknown[]; plans: unknown[]; availability: unknown[] };

/** One message of a page: the canonical envelope and the vendor record keys it was made from. */
export type TPulledMessage = {
  envelope: TCanonicalEnvelope;
  /** Vendor record keys (msgid, record id, record key): the message's de-duplication key is made of them. */
  recordKeys: string[];
};

export type TPulledPage = {
  /** Usually one; a page larger than the front door's per-message caps (a 50,000-record Geotab page) is split. */
  messages: TPulledMessage[];
  /** The vendor's response as it came, kept with the page's first message for side-by-side viewing. */
  vendorPayload: { body: string; contentType: string };
  /** Stored after all of the page's messages are committed; the next fetch continues from it. */
  nextCursor: unknown;
  /** Fetch the next page within this cycle (false: wait for the next poll). */
  hasMore: boolean;
};

/** `session` (a vendor session or OAuth token) is kept sealed for the next fetch; undefined leaves the stored one. */
export type TFetchResult = { ok: true; page: TPulledPage; session?: unknown } | { ok: false; error: TPullError; session?: unknown };

export type TPullContext = {
  connectionId: string;
  settings: unknown;
  secrets: unknown;
  cursor: unknown;
  session: unknown;
  now: Date;
  /** Tests pass a guarded agent that allows loopback; production uses the default guarded agent (OUTBOUND_ALLOWED_CIDRS). */
  dispatcher?: Dispatcher;
};

export type TPullConnector = {
  /** The slug of the connector (connections.connector). */
  slug: "webfleet" | "geotab" | "carrier-rest";
  /** The vendor's quota allows no shorter poll interval than this. */
  minIntervalSeconds: number;
  fetchPage: (context: TPullContext) => Promise<TFetchResult>;
  /** Runs after the page's message is committed, before the cursor is stored (Webfleet: acknowledge the popped batch). */
  afterCommit?: (context: TPullContext & { page: TPulledPage }) => Promise<void>;
};
