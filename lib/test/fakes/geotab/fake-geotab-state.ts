// What a fake MyGeotab server holds (state), the switches tests flip while it runs (faults), and its request log.
import type { TRateLimitRule } from "./create-rate-limiter";
import type { TErrorShape } from "./geotab-exception";
import type { TGeotabEntities, TGeotabTypeName } from "./geotab-types";

export type TSession = { database: string; userName: string; expiresAtMs: number };

export type TGeotabState = {
  /** The one database this server hosts. */
  database: string;
  /** API logins that may Authenticate (not to be confused with User entities, which are the fleet's people). */
  logins: { userName: string; password: string }[];
  /** Live sessions by sessionId. */
  sessions: Map<string, TSession>;
  entities: TGeotabEntities;
  /**
   * When set, this server is a directory: Authenticate checks the login against the other server, opens the session
   * there and answers `path: "<its host>"`; other calls here then fail as the session is unknown (§2.2, §2.7).
   */
  redirectTo: { host: string; state: TGeotabState } | null;
};

/** A fault that fires on the next `times` calls matching `method` and `typeName` (both optional). */
export type TInjectedFault = { times: number; method?: string; typeName?: TGeotabTypeName };

export type TGeotabFaults = {
  /** Error body fields (§2.1): both (default, as the live server), only `{code,message,data}`, or only legacy `errors[0].name`. */
  errorShape: TErrorShape;
  /** HTTP status of OverLimitException: not documented (§2.3, §7.2); 200 like every other JSON-RPC error by default, or 429. */
  overLimitHttpStatus: 200 | 429;
  /** Rate limits in force; `[]` turns them off. */
  rateLimits: TRateLimitRule[];
  overLimit: (TInjectedFault & { retryAfterSeconds: number }) | null;
  /** DbUnavailableException (transient: "connection failure or data change"; the message may say "Initializing"). */
  dbUnavailable: (TInjectedFault & { message?: string }) | null;
  /** InvalidUserException on calls that would otherwise succeed (a session revoked mid-cycle). */
  invalidUser: TInjectedFault | null;
  /** A plain HTTP failure before any JSON-RPC (a proxy's 502/503), optionally with Retry-After. */
  httpFailure: { status: number; times: number; retryAfter?: string } | null;
  /** Delay before every response (for client timeouts). */
  delayMs: number;
  /** Ends every session at once (as after 14 days, §2.2): the next call with a sessionId gets InvalidUserException. */
  expireSessions: () => void;
};

export type TLoggedRequest = {
  httpMethod: string;
  path: string;
  /** Query parameters, with passwords and session ids redacted. */
  query: Record<string, string>;
  /** Headers, without authorization and cookies. */
  headers: Record<string, string>;
  /** The JSON-RPC request as parsed, with passwords and session ids redacted; null when unreadable. */
  body: unknown;
  /** The JSON-RPC calls it made (several for ExecuteMultiCall). */
  calls: { method: string; typeName?: string }[];
  status: number;
  atMs: number;
};
