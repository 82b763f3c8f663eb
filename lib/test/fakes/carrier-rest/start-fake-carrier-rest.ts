// A faithful local fake of a carrier's own REST API on 127.0.0.1 (connector-
// protocols.md §4.4): a Samsara-style cursor feed, page-number and offset +
// `Link` lists, a canonical-envelope route, the auth schemes of §4.2 with an
// OAuth 2 client-credentials token endpoint, and fault injectors. Tests mutate
// `state` and `faults` while it runs and read `requests` (secrets redacted).
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { answerCanonicalEnvelope } from "./answer-canonical-envelope";
import { answerLocationsFeed } from "./answer-locations-feed";
import { answerOffsetLink, type TOffsetSettings } from "./answer-offset-link";
import { answerPageNumber, type TPageNumberSettings } from "./answer-page-number";
import { answerTokenRequest } from "./answer-token-request";
import { checkCredentials, type TIssuedToken } from "./check-credentials";
import { createRateLimiter, type TRateLimit } from "./create-rate-limiter";
import { redactRequest, secretQueryParam } from "./redact-request";
import { jsonReply, type TReply } from "./reply";
import { faultReply, sendReply } from "./send-reply";
import { takeFault } from "./take-fault";
import type { TFakeAuth, TFakeFault, TFakeLocation, TFakeRequest, TFakeSince, TFakeUnits } from "./types";

/** Where each profile lives; a connector's "Path" setting points at one of these. */
export const CARRIER_REST_PATHS = {
  feed: "/fleet/vehicles/locations/feed",
  pageNumber: "/v1/locations",
  offsetLink: "/v2/locations",
  canonical: "/canonical/envelope",
  token: "/oauth/token",
} as const;

export type TFakeCarrierRestOptions = {
  auth?: TFakeAuth;
  locations?: TFakeLocation[];
  plans?: unknown[];
  availability?: unknown[];
  /** Units of the page-number and offset routes (the feed is always mph and degrees, as Samsara's). */
  units?: Partial<TFakeUnits>;
  since?: Partial<TFakeSince>;
  pageNumber?: Partial<TPageNumberSettings>;
  offset?: Partial<TOffsetSettings>;
  /** Fixes per feed page (Samsara's page size is its own; 512 is its usual `limit` maximum, §4.1). */
  feedPageSize?: number;
  cursorTtlMs?: number;
  rateLimit?: TRateLimit;
  /** The fake's clock (token expiry, cursor age, rate window). */
  now?: () => number;
  /** Largest request body accepted (413 beyond). */
  maxBodyBytes?: number;
};

export type TFakeCarrierRestState = {
  /** Append-only for the feed (its cursor is a position in this list); edit `updatedAt` to model a late correction. */
  locations: TFakeLocation[];
  plans: unknown[];
  availability: unknown[];
  auth: TFakeAuth;
  tokens: Map<string, TIssuedToken>;
};

export type TFakeCarrierRestFaults = {
  queue: TFakeFault[];
  /** The next N feed requests with a cursor answer `data: []` with `hasNextPage: true` (Samsara does this, §4.1). */
  emptyFeedPages: number;
  /** Every credential is refused (revoked at the vendor), the token endpoint included. */
  refuseCredentials: boolean;
};

export type TFakeCarrierRest = {
  url: string;
  state: TFakeCarrierRestState;
  faults: TFakeCarrierRestFaults & { inject: (...faults: TFakeFault[]) => void; expireTokens: () => void };
  requests: TFakeRequest[];
  stop: () => Promise<void>;
};

const DATA_PATHS = new Set<string>([CARRIER_REST_PATHS.feed, CARRIER_REST_PATHS.pageNumber, CARRIER_REST_PATHS.offsetLink, CARRIER_REST_PATHS.canonical]);

const readBody = (req: IncomingMessage, maxBytes: number): Promise<string | null> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > maxBytes ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });

// A POST to a data route may carry its parameters as a JSON object (a search body); its scalar fields override the query.
const parseBody = (req: IncomingMessage, raw: string): { ok: true; value: unknown } | { ok: false } => {
  if (raw === "") return { ok: true, value: undefined };
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (type.startsWith("application/x-www-form-urlencoded")) return { ok: true, value: Object.fromEntries(new URLSearchParams(raw)) };
  if (!type.startsWith("application/json")) return { ok: true, value: raw };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
};

/** Starts the fake on a free port of 127.0.0.1. */
export const startFakeCarrierRest = async (options: TFakeCarrierRestOptions = {}): Promise<TFakeCarrierRest> => {
  const now = options.now ?? Date.now;
  const units: TFakeUnits = { speed: "kmh", coords: "deg", ...options.units };
  const since: TFakeSince = { param: "updated_after", format: "iso8601", inclusive: false, ...options.since };
  const pageNumber: TPageNumberSettings = { pageParam: "page_no", pageSizeParam: "per_page", startPage: 1, defaultPageSize: 25, maxPageSize: 100, ...options.pageNumber };
  const offset: TOffsetSettings = { offsetParam: "offset", limitParam: "limit", defaultLimit: 50, maxLimit: 500, ...options.offset };
  const limiter = options.rateLimit ? createRateLimiter(options.rateLimit) : null;
  const state: TFakeCarrierRestState = {
    locations: options.locations ?? [],
    plans: options.plans ?? [],
    availability: options.availability ?? [],
    auth: options.auth ?? { type: "none" },
    tokens: new Map(),
  };
  const faults: TFakeCarrierRest["faults"] = {
    queue: [],
    emptyFeedPages: 0,
    refuseCredentials: false,
    inject: (...added) => void faults.queue.push(...added),
    expireTokens: () => state.tokens.forEach((token) => void (token.expiresAt = 0)),
  };
  const requests: TFakeRequest[] = [];

  const route = ({ path, params, url }: { path: string; params: URLSearchParams; url: URL }): TReply => {
    switch (path) {
      case CARRIER_REST_PATHS.feed:
        return answerLocationsFeed({
          locations: state.locations,
          params,
          now: now(),
          pageSize: options.feedPageSize ?? 512,
          cursorTtlMs: options.cursorTtlMs ?? 30 * 24 * 3600_000,
          takeEmptyPage: () => {
            if (faults.emptyFeedPages <= 0) return false;
            faults.emptyFeedPages -= 1;
            return true;
          },
        });
      case CARRIER_REST_PATHS.pageNumber:
        return answerPageNumber({ locations: state.locations, params, settings: pageNumber, since, units });
      case CARRIER_REST_PATHS.offsetLink:
        return answerOffsetLink({ locations: state.locations, params, url, settings: offset, since, units, secretParam: secretQueryParam(state.auth) });
      default:
        return answerCanonicalEnvelope({ locations: state.locations, plans: state.plans, availability: state.availability, params, since });
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
    const raw = await readBody(req, options.maxBodyBytes ?? 1_000_000);
    const parsed = raw === null ? { ok: false as const } : parseBody(req, raw);
    const logged = redactRequest({ auth: state.auth, headers: req.headers, query: url.searchParams, body: parsed.ok ? parsed.value : raw });
    const entry: TFakeRequest = { method: req.method ?? "GET", path: url.pathname, ...logged };
    requests.push(entry);
    const answer = (reply: TReply, fault: TFakeFault | null = null) => void (entry.status = sendReply({ res, reply, fault }));

    if (raw === null) return answer(jsonReply(413, { message: "Request body too large" }));
    const isToken = url.pathname === CARRIER_REST_PATHS.token;
    if (!isToken && !DATA_PATHS.has(url.pathname)) return answer(jsonReply(404, { message: "Not found" }));
    const fault = takeFault({ queue: faults.queue, path: url.pathname, isTokenEndpoint: isToken });
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === "reset") return void req.socket.destroy();
    if (fault?.kind === "hang" && fault.stage !== "afterHeaders") return;
    if (fault?.kind === "status") return answer(faultReply(fault));

    if (isToken) {
      if (req.method !== "POST") return answer(jsonReply(405, { message: "Use POST" }, { allow: "POST" }), fault);
      const reply = answerTokenRequest({ auth: state.auth, headers: req.headers, rawBody: raw, tokens: state.tokens, now: now(), refuseAll: faults.refuseCredentials });
      entry.auth = { presented: "oauth2ClientCredentials", accepted: reply.status === 200 };
      return answer(reply, fault);
    }
    if (req.method !== "GET" && req.method !== "POST") return answer(jsonReply(405, { message: "Use GET or POST" }, { allow: "GET, POST" }), fault);
    if (!parsed.ok) return answer(jsonReply(400, { message: "The body is not valid JSON" }), fault);
    const limited = limiter?.(now());
    if (limited) return answer(limited, fault);
    const check = checkCredentials({ auth: state.auth, headers: req.headers, query: url.searchParams, tokens: state.tokens, now: now(), refuseAll: faults.refuseCredentials });
    entry.auth = { presented: check.presented, accepted: check.accepted };
    if (!check.accepted) {
      const requestId = randomBytes(8).toString("hex");
      return answer(jsonReply(401, { message: check.message ?? "Unauthorized", requestId }, check.challenge ? { "www-authenticate": check.challenge } : {}), fault);
    }
    const params = new URLSearchParams(url.searchParams);
    if (req.method === "POST" && typeof parsed.value === "object" && parsed.value !== null && !Array.isArray(parsed.value)) {
      for (const [name, value] of Object.entries(parsed.value)) if (["string", "number", "boolean"].includes(typeof value)) params.set(name, String(value));
    }
    return answer(route({ path: url.pathname, params, url }), fault);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    faults,
    requests,
    // Hanging requests hold their sockets open: close every connection, not just the idle ones.
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
};
