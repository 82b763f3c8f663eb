// A faithful local MyGeotab (JSON-RPC over HTTP on 127.0.0.1) for the Geotab connector's tests, its Playwright
// spec and the connectors benchmark. Protocol facts: /work/shared/reference/connector-protocols.md §2.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { brotliCompress, constants as zlibConstants, deflate, gzip } from "node:zlib";
import { createRateLimiter, DEFAULT_RATE_LIMITS, type TRateLimitRule } from "./create-rate-limiter";
import { createSeedEntities } from "./create-seed-entities";
import type { TGeotabFaults, TGeotabState, TLoggedRequest } from "./fake-geotab-state";
import { GeotabException, renderErrorBody, type TErrorShape } from "./geotab-exception";
import type { TGeotabEntityArrays } from "./geotab-types";
import { handleRpcCall, type TRpcCall, type TRpcContext } from "./handle-rpc-call";
import { readRpcRequest } from "./read-rpc-request";
import { redactSecrets } from "./redact-secrets";

export type TFakeGeotabOptions = {
  database?: string;
  userName?: string;
  password?: string;
  /** `seed` (default): three vehicles, drivers, ignition, a plan; `empty`: nothing (tests fill `state.entities`). */
  data?: "seed" | "empty";
  /** The clock for sessions, rate limits and seed dates (tests advance it instead of sleeping). */
  now?: () => number;
  /** Sessions last up to 14 days (§2.2). */
  sessionTtlMs?: number;
  /** Make this server a directory that sends Authenticate for its database to another fake (§2.7). */
  redirectTo?: TFakeGeotab;
  /** Answer `Accept-Encoding` with gzip, brotli or deflate, as MyGeotab does (§2.1). Default true. */
  compression?: boolean;
  maxFeedResults?: number;
  maxGetResults?: number;
  /** Unverified (§7.2): whether feed records carry `version`. Default false; a connector must not need it. */
  feedRecordsCarryVersion?: boolean;
  /** Unverified (§2.5): whether a StatusData feed honours `search.diagnosticSearch`. Default true. */
  statusDataFeedFiltersByDiagnostic?: boolean;
  /** Initial values of the run-time switches. */
  errorShape?: TErrorShape;
  overLimitHttpStatus?: 200 | 429;
  rateLimits?: TRateLimitRule[];
};

export type TFakeGeotab = {
  /** Origin, e.g. `http://127.0.0.1:41234`; the API is at `${url}/apiv1`. */
  url: string;
  /** `127.0.0.1:41234`: what another fake's Authenticate answers as `path` when it redirects here (no scheme, §2.2). */
  host: string;
  state: TGeotabState;
  faults: TGeotabFaults;
  requests: TLoggedRequest[];
  stop: () => Promise<void>;
};

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const DROPPED_HEADERS = new Set(["authorization", "proxy-authorization", "cookie"]);

const emptyEntities = (): TGeotabEntityArrays => ({ LogRecord: [], Device: [], DeviceStatusInfo: [], User: [], DriverChange: [], StatusData: [], Diagnostic: [], Zone: [], Route: [] });

const readBody = (req: IncomingMessage) =>
  new Promise<string | null>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });

const redactQuery = (url: URL) =>
  Object.fromEntries([...url.searchParams].map(([key, value]) => {
    if (key.toLowerCase() === "password" || key.toLowerCase() === "sessionid") return [key, "[redacted]"];
    try {
      const parsed: unknown = JSON.parse(value);
      return [key, typeof parsed === "object" && parsed !== null ? JSON.stringify(redactSecrets(parsed)) : value];
    } catch {
      return [key, value];
    }
  }));

const compress = async ({ body, acceptEncoding }: { body: Buffer; acceptEncoding: string }): Promise<{ body: Buffer; encoding?: string }> => {
  const accepted = acceptEncoding.toLowerCase().split(",").map((part) => part.split(";")[0]!.trim());
  // Fastest settings: the fake shares two cores with the portal it is benchmarked against.
  if (accepted.includes("gzip")) return { body: await promisify(gzip)(body, { level: 1 }), encoding: "gzip" };
  if (accepted.includes("br") || accepted.includes("brotli")) {
    return { body: await promisify(brotliCompress)(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } }), encoding: "br" };
  }
  if (accepted.includes("deflate")) return { body: await promisify(deflate)(body, { level: 1 }), encoding: "deflate" };
  return { body };
};

/** Starts a fake MyGeotab server on 127.0.0.1 and a free port. */
export const startFakeGeotab = async (options: TFakeGeotabOptions = {}): Promise<TFakeGeotab> => {
  const now = options.now ?? Date.now;
  const state: TGeotabState = {
    database: options.database ?? "acme",
    logins: [{ userName: options.userName ?? "api@acme.example", password: options.password ?? "fake-geotab-password" }],
    sessions: new Map(),
    entities: options.data === "empty" ? emptyEntities() : createSeedEntities({ nowMs: now() }),
    redirectTo: options.redirectTo ? { host: options.redirectTo.host, state: options.redirectTo.state } : null,
  };
  const faults: TGeotabFaults = {
    errorShape: options.errorShape ?? "both",
    overLimitHttpStatus: options.overLimitHttpStatus ?? 200,
    rateLimits: options.rateLimits ?? DEFAULT_RATE_LIMITS.map((rule) => ({ ...rule })),
    overLimit: null,
    dbUnavailable: null,
    invalidUser: null,
    httpFailure: null,
    delayMs: 0,
    expireSessions: () => state.sessions.clear(),
  };
  const requests: TLoggedRequest[] = [];
  const context: TRpcContext = {
    state,
    faults,
    limiter: createRateLimiter({ rules: () => faults.rateLimits, now }),
    now,
    sessionTtlMs: options.sessionTtlMs ?? 14 * 24 * 3_600_000,
    maxFeedResults: options.maxFeedResults ?? 50_000,
    maxGetResults: options.maxGetResults ?? 50_000,
    feedRecordsCarryVersion: options.feedRecordsCarryVersion ?? false,
    statusDataFeedFiltersByDiagnostic: options.statusDataFeedFiltersByDiagnostic ?? true,
    serverVersion: "12.1.2750.1001",
  };

  const respond = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !DROPPED_HEADERS.has(name)).map(([name, value]) => [name, String(value)]));
    const entry: TLoggedRequest = { httpMethod: req.method ?? "", path: url.pathname, query: redactQuery(url), headers, body: null, calls: [], status: 0, atMs: now() };
    requests.push(entry);
    const send = async (status: number, payload: string, extra: Record<string, string> = {}, type = "application/json; charset=utf-8") => {
      entry.status = status;
      if (faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
      let body: Buffer = Buffer.from(payload, "utf8");
      const out: Record<string, string> = { "content-type": type, ...extra };
      if (options.compression !== false && body.length > 1024) {
        const compressed = await compress({ body, acceptEncoding: String(req.headers["accept-encoding"] ?? "") });
        body = compressed.body;
        if (compressed.encoding) Object.assign(out, { "content-encoding": compressed.encoding, vary: "Accept-Encoding" });
      }
      if (!res.destroyed) res.writeHead(status, { ...out, "content-length": String(body.length) }).end(body);
    };

    const failure = faults.httpFailure;
    if (failure && failure.times > 0) {
      failure.times -= 1;
      if (failure.times <= 0) faults.httpFailure = null;
      return send(failure.status, `HTTP ${failure.status}`, failure.retryAfter ? { "retry-after": failure.retryAfter } : {}, "text/plain");
    }
    if (req.method !== "GET" && req.method !== "POST") return send(405, "Method Not Allowed", { allow: "GET, POST" }, "text/plain");
    const text = await readBody(req);
    if (text === null) return send(413, "Payload Too Large", {}, "text/plain");

    let call: TRpcCall | null = null;
    try {
      call = readRpcRequest({ httpMethod: req.method, url, contentType: String(req.headers["content-type"] ?? ""), body: text });
      if (!call) return send(404, "Not Found", {}, "text/plain");
      entry.body = redactSecrets(call);
      const inner = call.method === "ExecuteMultiCall" && Array.isArray(call.params.calls) ? (call.params.calls as TRpcCall[]) : [call];
      entry.calls = inner.map((one) => ({ method: String(one?.method), ...(typeof one?.params?.typeName === "string" ? { typeName: one.params.typeName } : {}) }));
      const { result, headers: rateHeaders } = handleRpcCall({ context, call });
      return send(200, JSON.stringify({ result, jsonrpc: "2.0" }), rateHeaders);
    } catch (error) {
      if (!(error instanceof GeotabException)) throw error;
      const overLimit = error.type === "OverLimitException";
      const extra: Record<string, string> = error.retryAfterSeconds !== undefined ? { "retry-after": String(error.retryAfterSeconds) } : {};
      return send(overLimit ? faults.overLimitHttpStatus : 200, JSON.stringify(renderErrorBody({ exception: error, shape: faults.errorShape })), extra);
    }
  };

  const server = createServer((req, res) => {
    respond(req, res).catch((error: unknown) => {
      // A defect in the fake itself: answer 500 so the test fails loudly rather than hanging.
      console.error("fake-geotab:", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("fake-geotab internal error");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    state,
    faults,
    requests,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
};
