// What the carrier-rest client answers the scheduler: a page, or an error
// classified so the scheduler knows whether to back off, retry or stop.
import type { TCarrierRestCursor, TOAuthToken } from "./settings";
import type { TConnectorErrorKind } from "@/lib/connectors/pull/types";

// One list of failure kinds for every connector: the poll cycle reacts to them.
export type { TConnectorErrorKind };

/** `message` is safe to show the carrier: the vendor's own words and ours, never a secret. */
export type TConnectorError =
  | { kind: "rate_limited"; message: string; retryAfterMs: number; status?: number }
  | { kind: Exclude<TConnectorErrorKind, "rate_limited">; message: string; status?: number };

export type TRestPage = {
  status: number;
  /** The parsed JSON body (untrusted: the mapping validates what it takes from it). */
  body: unknown;
  /** The body as the vendor sent it, kept with the landed message. */
  rawText: string;
  /** The URL requested, with query secrets replaced by "[redacted]". */
  requestUrl: string;
  fetchedAt: Date;
  durationMs: number;
  /** Fetch the next page in this cycle right away (false: wait for the next poll). */
  hasMore: boolean;
  /** Store this after the page's message is committed; the next call continues from it. */
  cursor: TCarrierRestCursor;
};

/** `token` is the OAuth 2 token to keep for the next call (renewed or unchanged; null for other schemes). */
export type TFetchRestPageResult = { ok: true; page: TRestPage; token: TOAuthToken | null } | { ok: false; error: TConnectorError; token: TOAuthToken | null };
