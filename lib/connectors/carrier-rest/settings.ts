// Settings of a carrier-rest connection (connector-protocols.md §4.2), the
// secrets kept apart from them (encrypted at rest by the caller, never shown
// again), and the cursor stored after a page's message is committed.
import { z } from "zod";

const ZName = z.string().trim().min(1).max(200);
// Header names per RFC 9110 §5.1 (a token); anything else would be refused by undici mid-poll.
const ZHeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "Use a valid HTTP header name.").max(100);
// A dotted path into the JSON response, e.g. `pagination.endCursor` or `meta.pages[0].next`.
const ZJsonPath = z.string().trim().min(1).max(200).regex(/^[^.\s[\]]+(\[\d+\])*(\.[^.\s[\]]+(\[\d+\])*)*$/, "Use a dotted path such as pagination.endCursor.");

export const ZCarrierRestAuth = z.discriminatedUnion("type", [
  z.object({ type: z.literal("none") }),
  z.object({ type: z.literal("apiKeyHeader"), headerName: ZHeaderName.default("X-API-Key") }),
  z.object({ type: z.literal("apiKeyQuery"), queryName: ZName.default("api_key") }),
  z.object({ type: z.literal("bearer") }),
  z.object({ type: z.literal("basic"), username: z.string().min(1).max(200).refine((v) => !v.includes(":"), "A Basic user name cannot contain a colon (RFC 7617).") }),
  z.object({
    type: z.literal("oauth2ClientCredentials"),
    tokenUrl: z.url({ protocol: /^https?$/ }),
    clientId: z.string().min(1).max(500),
    scope: z.string().max(1000).optional(),
    audience: z.string().max(500).optional(),
    // RFC 6749 §2.3.1: servers must accept Basic; some only read the form body.
    clientAuth: z.enum(["basic", "post"]).default("basic"),
  }),
]);

export const ZCarrierRestPagination = z.discriminatedUnion("type", [
  z.object({ type: z.literal("none") }),
  z.object({ type: z.literal("cursor"), cursorParam: ZName.default("after"), cursorPath: ZJsonPath, hasMorePath: ZJsonPath.optional() }),
  z.object({
    type: z.literal("page"),
    pageParam: ZName.default("page"),
    pageSizeParam: ZName.optional(),
    pageSize: z.number().int().min(1).max(10_000).default(100),
    startPage: z.number().int().min(0).max(1).default(1),
    recordsPath: ZJsonPath,
    totalPath: ZJsonPath.optional(),
  }),
  z.object({ type: z.literal("offset"), offsetParam: ZName.default("offset"), limitParam: ZName.default("limit"), pageSize: z.number().int().min(1).max(10_000).default(100), recordsPath: ZJsonPath, totalPath: ZJsonPath.optional() }),
  z.object({ type: z.literal("linkHeader") }),
]);

export const ZCarrierRestIncremental = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("none") }),
  // The vendor's feed cursor is kept across polls (Samsara: keep sending endCursor even when hasNextPage is false).
  z.object({ mode: z.literal("feedCursor") }),
  z.object({
    mode: z.literal("updatedSince"),
    sinceParam: ZName,
    sinceFormat: z.enum(["iso8601", "epochS", "epochMs"]).default("iso8601"),
    // Re-read this much before the watermark: clock skew and late writes at the vendor (de-duplicated on unit and time).
    overlapSeconds: z.number().int().min(0).max(86_400).default(120),
    // The first poll asks for this much history; without it, the first poll takes whatever the API lists.
    initialLookbackSeconds: z.number().int().min(1).max(30 * 86_400).optional(),
  }),
]);

export const ZCarrierRestUnits = z.object({
  speed: z.enum(["kmh", "mph", "mps", "knots"]).default("kmh"),
  coords: z.enum(["deg", "microdeg"]).default("deg"),
});

export const ZCarrierRestSettings = z.object({
  baseUrl: z.url({ protocol: /^https?$/, error: "Enter an absolute http(s) URL." }),
  path: z.string().max(1000).regex(/^\/[^\s]*$/, "Start the path with /.").default("/"),
  method: z.enum(["GET", "POST"]).default("GET"),
  query: z.record(ZName, z.string().max(1000)).default({}),
  headers: z.record(ZHeaderName, z.string().max(1000)).default({}),
  auth: ZCarrierRestAuth.default({ type: "none" }),
  pagination: ZCarrierRestPagination.default({ type: "none" }),
  incremental: ZCarrierRestIncremental.default({ mode: "none" }),
  units: ZCarrierRestUnits.default({ speed: "kmh", coords: "deg" }),
  mapping: z.string().trim().min(1, "Enter a mapping expression.").max(20_000),
  pollIntervalSeconds: z.number().int().min(10).max(86_400).default(60),
  maxPagesPerCycle: z.number().int().min(1).max(100).default(20),
  timeoutMs: z.number().int().min(1_000).max(60_000).default(15_000),
  maxPageBytes: z.number().int().min(1_024).max(20_000_000).default(5_000_000),
});
export type TCarrierRestSettings = z.infer<typeof ZCarrierRestSettings>;
export type TCarrierRestSettingsInput = z.input<typeof ZCarrierRestSettings>;

/** The secret for the configured scheme: apiKey (API key header/query), token (bearer), password (basic), clientSecret (OAuth 2). */
export const ZCarrierRestSecrets = z.object({
  apiKey: z.string().min(1).max(4_000).optional(),
  token: z.string().min(1).max(8_000).optional(),
  password: z.string().min(1).max(1_000).optional(),
  clientSecret: z.string().min(1).max(4_000).optional(),
});
export type TCarrierRestSecrets = z.infer<typeof ZCarrierRestSecrets>;

/** A cached OAuth 2 access token (a secret: store it encrypted, like the client secret). */
export const ZOAuthToken = z.object({ accessToken: z.string().min(1), expiresAt: z.number() });
export type TOAuthToken = z.infer<typeof ZOAuthToken>;

/** Where the next request continues within a run of pages; null starts a new run. */
export const ZRestNext = z.discriminatedUnion("type", [
  z.object({ type: z.literal("cursor"), value: z.string().max(4_000) }),
  z.object({ type: z.literal("page"), page: z.number().int().min(0) }),
  z.object({ type: z.literal("offset"), offset: z.number().int().min(0) }),
  z.object({ type: z.literal("link"), url: z.string().max(8_000) }),
]);
export type TRestNext = z.infer<typeof ZRestNext>;

export const ZCarrierRestCursor = z.object({
  next: ZRestNext.nullable().default(null),
  /** updatedSince: when the last complete run started (ISO 8601); the next run asks from here minus the overlap. */
  watermark: z.iso.datetime().nullable().default(null),
  /** updatedSince: the value sent as the since parameter on every page of the current run, and when the run started. */
  run: z.object({ since: z.string().nullable(), startedAt: z.iso.datetime() }).nullable().default(null),
});
export type TCarrierRestCursor = z.infer<typeof ZCarrierRestCursor>;

export const EMPTY_CARRIER_REST_CURSOR: TCarrierRestCursor = { next: null, watermark: null, run: null };
