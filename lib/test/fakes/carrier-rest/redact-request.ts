// The request log must hold no secrets (house rules: nothing secret in logs),
// yet show which scheme the client used: keep the Authorization scheme, drop
// the credentials, API keys and client secrets.
import type { IncomingHttpHeaders } from "node:http";
import type { TFakeAuth } from "./types";

const REDACTED = "[redacted]";
// Redacted whatever the configured scheme, so a connector that sends a key the wrong way does not leak it here.
const SECRET_FIELDS = new Set(["client_secret", "access_token", "refresh_token", "password", "api_key", "apikey", "token"]);
const SECRET_HEADERS = new Set(["cookie", "proxy-authorization", "x-api-key", "api-key"]);

const secretHeader = (auth: TFakeAuth) => (auth.type === "apiKeyHeader" ? (auth.headerName ?? "X-API-Key").toLowerCase() : null);
/** The query parameter that carries the API key, if the fake expects one there. */
export const secretQueryParam = (auth: TFakeAuth) => (auth.type === "apiKeyQuery" ? (auth.queryName ?? "api_key") : null);

const redactFields = (fields: Record<string, unknown>, extra: string | null): Record<string, unknown> =>
  Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, SECRET_FIELDS.has(name) || name === extra ? REDACTED : value]));

/** Headers, query and body as the log keeps them. */
export const redactRequest = ({ auth, headers, query, body }: { auth: TFakeAuth; headers: IncomingHttpHeaders; query: URLSearchParams; body: unknown }) => {
  const keyHeader = secretHeader(auth);
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    if (name === "authorization") kept[name] = `${text.split(/\s+/)[0] ?? ""} ${REDACTED}`;
    else if (SECRET_HEADERS.has(name) || name === keyHeader) kept[name] = REDACTED;
    else kept[name] = text;
  }
  const queryParam = secretQueryParam(auth);
  const redactedQuery = redactFields(Object.fromEntries(query), queryParam) as Record<string, string>;
  const redactedBody = typeof body === "object" && body !== null && !Array.isArray(body) ? redactFields(body as Record<string, unknown>, null) : body;
  return { headers: kept, query: redactedQuery, body: redactedBody };
};
