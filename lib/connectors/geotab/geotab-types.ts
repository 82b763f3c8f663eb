// Settings, session, results and the vendor entities of the Geotab (MyGeotab JSON-RPC) client.
// Vendor responses are untrusted: page envelopes are checked strictly, feed records only as objects (the mapping
// turns bad values into the front door's reason codes instead of one bad record stalling the feed).
import type { Dispatcher } from "undici";
import { z } from "zod";
import type { TConnectorErrorKind } from "@/lib/connectors/pull/types";

export const GEOTAB_DEFAULT_SERVER = "my.geotab.com";

/** Which device property becomes the portal's externalUnitId. */
export const GEOTAB_UNIT_ID_SOURCES = ["name", "licensePlate", "id"] as const;

/** The connector settings (the password is a secret, kept apart). */
export const ZGeotabSettings = z.object({
  /** `my.geotab.com`, or a full URL with scheme and port (an on-premise server or a test fake). */
  server: z.string().trim().min(1).max(500).default(GEOTAB_DEFAULT_SERVER),
  database: z.string().trim().min(1).max(200),
  userName: z.string().trim().min(1).max(320),
  unitIdFrom: z.enum(GEOTAB_UNIT_ID_SOURCES).default("name"),
});
export type TGeotabSettings = z.infer<typeof ZGeotabSettings>;

export type TGeotabCredentials = { database: string; userName: string; sessionId: string };

/**
 * What the caller keeps per connection between calls (encrypted: it holds a session id). `recentAuthentications`
 * survives failed logins too, so the client-side limit of 10 per minute holds across cycles.
 */
export type TGeotabSession = {
  /** The settings' server URL this session belongs to; a session for another server is discarded. */
  serverUrl: string | null;
  /** Where calls go: the configured server, or the one Authenticate's `path` named. */
  apiUrl: string | null;
  credentials: TGeotabCredentials | null;
  /** When Authenticate was sent (ms since the epoch), the last minute's only. */
  recentAuthentications: number[];
};

export type TGeotabErrorKind = TConnectorErrorKind;

/** A classified failure; `message` is safe to show the carrier (the vendor's words, never a secret). */
export type TGeotabError = {
  kind: TGeotabErrorKind;
  message: string;
  /** For rate_limited (and a transient failure that named a delay). */
  retryAfterMs?: number;
  /** The MyGeotab exception type, when the server named one. */
  vendorType?: string;
};

export type TGeotabResult<T> = { ok: true; value: T; session: TGeotabSession } | { ok: false; error: TGeotabError; session: TGeotabSession };

/** Transport knobs; tests inject a loopback-allowing dispatcher and a clock. */
export type TGeotabClientOptions = {
  dispatcher?: Dispatcher;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
};

const ZRef = z.object({ id: z.string().min(1) });
/** A reference is an id stub, or a bare system id such as "UnknownDriverId". */
const ZRefOrSystemId = z.union([ZRef, z.string()]);

/** A feed record: an object the mapping reads field by field. */
export const ZFeedRecord = z.record(z.string(), z.unknown());
export type TFeedRecord = z.infer<typeof ZFeedRecord>;

export const ZFeedPage = z.object({ data: z.array(ZFeedRecord), toVersion: z.string().regex(/^[0-9a-fA-F]{1,16}$/, "toVersion must be a hex version") });
export type TFeedPage = z.infer<typeof ZFeedPage>;

export const ZDevice = z.object({ id: z.string().min(1), name: z.string().nullish(), licensePlate: z.string().nullish() });
export type TDevice = z.infer<typeof ZDevice>;

export const ZDeviceStatusInfo = z.object({
  device: ZRef,
  dateTime: z.string(),
  bearing: z.number().nullish(),
  isDriving: z.boolean().nullish(),
  driver: ZRefOrSystemId.nullish(),
});
export type TDeviceStatusInfo = z.infer<typeof ZDeviceStatusInfo>;

export const ZUser = z.object({ id: z.string().min(1), name: z.string().nullish(), firstName: z.string().nullish(), lastName: z.string().nullish() });
export type TUser = z.infer<typeof ZUser>;

export const ZDriverChange = z.object({ id: z.string(), dateTime: z.string(), device: ZRef, driver: ZRefOrSystemId });
export type TDriverChange = z.infer<typeof ZDriverChange>;

export const ZStatusData = z.object({ id: z.string(), dateTime: z.string(), device: ZRef, diagnostic: ZRefOrSystemId, data: z.number() });
export type TStatusData = z.infer<typeof ZStatusData>;

export const ZZone = z.object({ id: z.string().min(1), name: z.string().nullish(), points: z.array(z.object({ x: z.number(), y: z.number() })).default([]) });
export type TZone = z.infer<typeof ZZone>;

const ZRoutePlanItem = z.object({
  zone: ZRef,
  sequence: z.number(),
  dateTime: z.string().nullish(),
  activeFrom: z.string().nullish(),
  activeTo: z.string().nullish(),
});

export const ZRoute = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  routeType: z.string(),
  device: ZRef.nullish(),
  routePlanItemCollection: z.array(ZRoutePlanItem).default([]),
});
export type TRoute = z.infer<typeof ZRoute>;

/** Entities that failed their schema are left out and counted, so one odd entity does not hide the rest. */
export type TEntityList<T> = { entities: T[]; skipped: number };
