// Types shared by the fake carrier REST API (connector-protocols.md §4). The
// state holds the truth in the portal's own units (degrees, km/h); each route
// converts to what its vendor sends, so a connector test can compare what it
// mapped with `state` directly.

/** One location fix. `seq` order is the feed's append order (§4.1 Samsara feed). */
export type TFakeLocation = {
  id: string;
  vehicleId: string;
  vehicleName: string;
  /** ISO 8601 UTC. */
  time: string;
  latitude: number;
  longitude: number;
  speedKmh: number;
  headingDeg: number;
  /** When the vendor last changed the record: what an "updated since" parameter filters on (§4.2 incremental). */
  updatedAt: string;
  address?: string;
};

export type TFakeAuth =
  | { type: "none" }
  | { type: "apiKeyHeader"; headerName?: string; apiKey: string }
  | { type: "apiKeyQuery"; queryName?: string; apiKey: string }
  | { type: "bearer"; token: string }
  | { type: "basic"; username: string; password: string }
  | {
      type: "oauth2ClientCredentials";
      clientId: string;
      clientSecret: string;
      /** Scopes the client may ask for; a request for any other answers `invalid_scope` (RFC 6749 §5.2). Empty: any. */
      scopes?: readonly string[];
      /** Lifetime of an issued token; the connector must refresh on the 401 that follows (§4.2). */
      tokenTtlSeconds?: number;
      /** How the client may authenticate at the token endpoint (RFC 6749 §2.3.1: Basic is the one servers must accept). */
      clientAuth?: "basic" | "post" | "either";
    };

/** Retry-After as delta-seconds (Samsara sends fractions, e.g. 0.40235, §4.1) or as an HTTP-date (RFC 9110 §10.2.3). */
export type TRetryAfter = { seconds: number } | { date: Date };

export type TFakeFault = (
  | { kind: "status"; status: number; retryAfter?: TRetryAfter; body?: string; contentType?: string }
  /** 200 with `application/json` and the real page cut in half. */
  | { kind: "malformedJson" }
  /** Never answers (`beforeHeaders`) or sends the headers and half the body, then stalls (`afterHeaders`). */
  | { kind: "hang"; stage?: "beforeHeaders" | "afterHeaders" }
  /** Destroys the socket: the client sees a network error. */
  | { kind: "reset" }
) & {
  /** Only requests to this path; without it, any data route (not the token endpoint). */
  path?: string;
  /** How many requests it hits; default 1, `Infinity` for a lasting fault. */
  times?: number;
};

export type TFakeUnits = { speed: "kmh" | "mph" | "mps" | "knots"; coords: "deg" | "microdeg" };

export type TFakeSince = { param: string; format: "iso8601" | "epochS" | "epochMs"; inclusive: boolean };

export type TFakeRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed form or JSON body, or the raw text; secrets replaced by "[redacted]". */
  body?: unknown;
  /** Lower-case names; credentials replaced by "[redacted]" (the Authorization scheme is kept). */
  headers: Record<string, string>;
  /** What the request presented and whether the fake accepted it; absent when a fault answered first. */
  auth?: { presented: TFakeAuth["type"] | "unknown"; accepted: boolean };
  /** The status answered; absent while (or when) the fake hangs or resets. */
  status?: number;
  fault?: TFakeFault["kind"];
};
