// Webfleet connection settings, secrets, vendor records and results. Vendor responses are
// untrusted: pages are checked here at the boundary; single fields are read leniently by the
// mapping, so one odd value becomes a dropped entry with a reason instead of a stuck queue.
import { z } from "zod";
import type { Dispatcher } from "undici";
import type { TConnectorErrorKind } from "@/lib/connectors/pull/types";

export const DEFAULT_WEBFLEET_SERVER_URL = "https://csv.webfleet.com/extern";

/** The connection's non-secret settings, as the "Connector settings" form saves them. */
export const ZWebfleetSettings = z.object({
  serverUrl: z.url({ protocol: /^https?$/, error: "Server URL must be an http(s) URL" }).default(DEFAULT_WEBFLEET_SERVER_URL),
  account: z.string().trim().min(1, "Account is required").max(200),
  username: z.string().trim().min(1, "User name is required").max(200),
  unitIdFrom: z.enum(["objectno", "objectuid"]).default("objectno"),
});
export type TWebfleetSettings = z.infer<typeof ZWebfleetSettings>;

/** The secrets, stored encrypted and never shown again; the API key is optional in Webfleet's older accounts. */
export const ZWebfleetSecrets = z.object({
  password: z.string().min(1, "Password is required").max(500),
  apiKey: z.string().min(1).max(500).optional(),
});
export type TWebfleetSecrets = z.infer<typeof ZWebfleetSecrets>;

/** What a call needs: settings and secrets, and in tests a guarded agent with loopback allowed. */
export type TWebfleetConnection = { settings: TWebfleetSettings; secrets: TWebfleetSecrets; dispatcher?: Dispatcher };

/** How the scheduler reacts: stop after repeated auth, wait retryAfterMs, back off, or give up on the request. */
// One list of failure kinds for every connector: the poll cycle reacts to them.
export type { TConnectorErrorKind };

/** A classified failure; `message` is safe to show the carrier (the vendor's words, secrets removed). */
export type TConnectorError = {
  kind: TConnectorErrorKind;
  message: string;
  retryAfterMs?: number;
  /** Webfleet's errorCode when the vendor answered with one. */
  vendorCode?: number;
};

export type TWebfleetResult<T> = { ok: true; value: T } | { ok: false; error: TConnectorError };

/** Webfleet's retry policy knobs (defaults follow its own Python SDK); tests shorten the waits. */
export type TWebfleetRetry = { maxAttempts?: number; delayMs?: (vendorCode: number | null) => number; sleep?: (ms: number) => Promise<void> };

/** Options every call takes beside the connection. */
export type TWebfleetCallOptions = { connection: TWebfleetConnection; retry?: TWebfleetRetry; timeoutMs?: number; maxResponseBytes?: number };

/** A 64-bit msgid as a decimal string (parseWebfleetJson turns the bare integer into one before JSON.parse). */
const ZMsgid = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]).transform(String);

/** A queue message: the msgid is required (it is the de-duplication key); every other field is read by the mapping. */
export const ZWebfleetQueueMessage = z.looseObject({ msgid: ZMsgid });
export type TWebfleetQueueMessage = z.infer<typeof ZWebfleetQueueMessage>;
export const ZWebfleetQueuePage = z.array(ZWebfleetQueueMessage);

/** A text field that Webfleet may also write as a number (objectno "002" vs 2). */
const ZLooseText = z.union([z.string(), z.number()]).transform(String);

/** A showObjectReportExtern row: what the mapping uses for unit ids and driver names. */
export const ZWebfleetObjectRow = z.looseObject({
  objectno: ZLooseText,
  objectuid: ZLooseText.optional(),
  objectname: ZLooseText.optional(),
  drivername: z.string().optional(),
  driver: ZLooseText.optional(),
  driveruid: z.string().optional(),
});
export type TWebfleetObjectRow = z.infer<typeof ZWebfleetObjectRow>;
export const ZWebfleetObjectReport = z.array(ZWebfleetObjectRow);

/** A showOrderReportExtern row: the order id is required, the rest is read by the mapping. */
export const ZWebfleetOrderRow = z.looseObject({ orderid: ZLooseText });
export type TWebfleetOrderRow = z.infer<typeof ZWebfleetOrderRow>;
export const ZWebfleetOrderReport = z.array(ZWebfleetOrderRow);

/** The canonical envelope the front door accepts (see lib/ingest/normalize); values the vendor got wrong are passed on for the normaliser to report. */
export type TEnvelopePosition = {
  externalUnitId: unknown;
  at: unknown;
  lat: unknown;
  lng: unknown;
  speedKmh?: unknown;
  headingDeg?: unknown;
  isMoving?: boolean;
  ignitionOn?: boolean;
  driverName?: string;
};
export type TEnvelopeLeg = {
  seq: number;
  kind: "pickup" | "delivery" | "reposition";
  place?: { lat?: unknown; lng?: unknown; postalCode?: string; country?: string; name?: string };
  goodsDescription?: string;
};
export type TEnvelopePlan = {
  externalUnitId: unknown;
  externalPlanId: unknown;
  status: "planned" | "in_progress" | "completed" | "cancelled";
  sourceFetchedAt?: unknown;
  legs: TEnvelopeLeg[];
};
export type TWebfleetEnvelope = { positions: TEnvelopePosition[]; plans: TEnvelopePlan[]; availability: never[] };

/** What to send once the page's message is committed: acknowledging a pop releases exactly that batch. */
export type TWebfleetCursor = { action: "ackQueueMessagesExtern"; msgclass: 0; messageCount: number; lastMsgid: string };

/** One mapped page: the envelope to land, the vendor keys to de-duplicate on, and the cursor to advance after commit. */
export type TWebfleetMappedPage = { envelope: TWebfleetEnvelope; recordKeys: string[]; cursor: TWebfleetCursor | null };
