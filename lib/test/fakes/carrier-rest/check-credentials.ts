// Checks the credentials of a data request against the configured scheme
// (connector-protocols.md §4.2 `auth`) and says how to refuse: RFC 6750 §3 for
// bearer tokens (including OAuth 2 tokens that expired), RFC 7617 for Basic.
import type { IncomingHttpHeaders } from "node:http";
import { safeEqual } from "./safe-equal";
import type { TFakeAuth } from "./types";

export type TIssuedToken = { expiresAt: number; scope: string };

export type TCredentialCheck = { presented: TFakeAuth["type"] | "unknown"; accepted: boolean; challenge?: string; message?: string };

const BEARER = /^Bearer\s+(\S+)$/i;
const BASIC = /^Basic\s+(\S+)$/i;

const presentedScheme = (auth: TFakeAuth, headers: IncomingHttpHeaders, query: URLSearchParams): TCredentialCheck["presented"] => {
  const authorization = headers.authorization ?? "";
  if (BEARER.test(authorization)) return auth.type === "oauth2ClientCredentials" ? "oauth2ClientCredentials" : "bearer";
  if (BASIC.test(authorization)) return "basic";
  if (authorization) return "unknown";
  if (auth.type === "apiKeyHeader" && headers[(auth.headerName ?? "X-API-Key").toLowerCase()] !== undefined) return "apiKeyHeader";
  if (auth.type === "apiKeyQuery" && query.has(auth.queryName ?? "api_key")) return "apiKeyQuery";
  return "none";
};

const verdict = (auth: TFakeAuth, headers: IncomingHttpHeaders, query: URLSearchParams, tokens: Map<string, TIssuedToken>, now: number): Omit<TCredentialCheck, "presented"> => {
  const authorization = headers.authorization ?? "";
  switch (auth.type) {
    case "none":
      return { accepted: true };
    case "apiKeyHeader": {
      const sent = headers[(auth.headerName ?? "X-API-Key").toLowerCase()];
      return typeof sent === "string" && safeEqual(sent, auth.apiKey) ? { accepted: true } : { accepted: false, message: "Invalid API key" };
    }
    case "apiKeyQuery": {
      const sent = query.get(auth.queryName ?? "api_key");
      return sent !== null && safeEqual(sent, auth.apiKey) ? { accepted: true } : { accepted: false, message: "Invalid API key" };
    }
    case "bearer": {
      const sent = BEARER.exec(authorization)?.[1];
      if (sent === undefined) return { accepted: false, challenge: 'Bearer realm="fake-carrier"', message: "Missing bearer token" };
      return safeEqual(sent, auth.token) ? { accepted: true } : { accepted: false, challenge: 'Bearer realm="fake-carrier", error="invalid_token"', message: "Invalid token" };
    }
    case "basic": {
      const sent = BASIC.exec(authorization)?.[1];
      const expected = Buffer.from(`${auth.username}:${auth.password}`, "utf8").toString("base64");
      return sent !== undefined && safeEqual(sent, expected) ? { accepted: true } : { accepted: false, challenge: 'Basic realm="fake-carrier", charset="UTF-8"', message: "Invalid user name or password" };
    }
    case "oauth2ClientCredentials": {
      const sent = BEARER.exec(authorization)?.[1];
      if (sent === undefined) return { accepted: false, challenge: 'Bearer realm="fake-carrier"', message: "Missing access token" };
      const issued = tokens.get(sent);
      if (!issued) return { accepted: false, challenge: 'Bearer realm="fake-carrier", error="invalid_token", error_description="Unknown access token"', message: "Invalid token" };
      if (issued.expiresAt <= now) return { accepted: false, challenge: 'Bearer realm="fake-carrier", error="invalid_token", error_description="The access token expired"', message: "Token expired" };
      return { accepted: true };
    }
  }
};

/** Whether a data request may be served; `refuseAll` models credentials revoked at the vendor. */
export const checkCredentials = ({ auth, headers, query, tokens, now, refuseAll }: { auth: TFakeAuth; headers: IncomingHttpHeaders; query: URLSearchParams; tokens: Map<string, TIssuedToken>; now: number; refuseAll: boolean }): TCredentialCheck => {
  const presented = presentedScheme(auth, headers, query);
  if (refuseAll) return { presented, accepted: false, challenge: auth.type === "basic" ? 'Basic realm="fake-carrier"' : 'Bearer realm="fake-carrier", error="invalid_token"', message: "Credentials revoked" };
  return { presented, ...verdict(auth, headers, query, tokens, now) };
};
