// One page from a carrier's own REST API (connector-protocols.md §4): auth,
// pagination and "updated since" from the settings, every request through the
// SSRF guard, every failure classified for the scheduler. It stores nothing:
// the caller lands the page, then stores `page.cursor` (and `token`).
import type { Dispatcher } from "undici";
import { sendOutboundRequest, type TOutboundResult } from "@/lib/net/send-outbound-request";
import { advanceRestCursor } from "./advance-rest-cursor";
import { classifyHttpFailure } from "./classify-http-failure";
import { describeOutboundError } from "./describe-outbound-error";
import { fetchOauthToken } from "./fetch-oauth-token";
import { planPageRequest } from "./plan-page-request";
import type { TCarrierRestCursor, TCarrierRestSecrets, TCarrierRestSettings, TOAuthToken } from "./settings";
import type { TConnectorError, TFetchRestPageResult } from "./types";

type TCredentials = { headers: Record<string, string>; query: Record<string, string> } | { error: TConnectorError };

const missing = (what: string): { error: TConnectorError } => ({ error: { kind: "auth", message: `The ${what} is not set; enter it in the connector settings.` } });

const credentialsFor = ({ settings, secrets, accessToken }: { settings: TCarrierRestSettings; secrets: TCarrierRestSecrets; accessToken: string | null }): TCredentials => {
  const auth = settings.auth;
  switch (auth.type) {
    case "none":
      return { headers: {}, query: {} };
    case "apiKeyHeader":
      return secrets.apiKey ? { headers: { [auth.headerName]: secrets.apiKey }, query: {} } : missing("API key");
    case "apiKeyQuery":
      return secrets.apiKey ? { headers: {}, query: { [auth.queryName]: secrets.apiKey } } : missing("API key");
    case "bearer":
      return secrets.token ? { headers: { authorization: `Bearer ${secrets.token}` }, query: {} } : missing("bearer token");
    case "basic":
      return secrets.password ? { headers: { authorization: `Basic ${Buffer.from(`${auth.username}:${secrets.password}`, "utf8").toString("base64")}` }, query: {} } : missing("password");
    case "oauth2ClientCredentials":
      return accessToken ? { headers: { authorization: `Bearer ${accessToken}` }, query: {} } : missing("access token");
  }
};

const redactUrl = (url: URL, secretParam: string | null): string => {
  if (!secretParam || !url.searchParams.has(secretParam)) return url.toString();
  const copy = new URL(url);
  copy.searchParams.set(secretParam, "[redacted]");
  return copy.toString();
};

/** Fetches the page `cursor` points at; never throws for vendor or network faults, and no secret reaches an error. */
export const fetchRestPage = async ({ settings, cursor, secrets, token = null, now = () => new Date(), dispatcher }: { settings: TCarrierRestSettings; cursor: TCarrierRestCursor; secrets: TCarrierRestSecrets; token?: TOAuthToken | null; now?: () => Date; dispatcher?: Dispatcher }): Promise<TFetchRestPageResult> => {
  const auth = settings.auth;
  let current: TOAuthToken | null = auth.type === "oauth2ClientCredentials" ? token : null;
  const fail = (error: TConnectorError): TFetchRestPageResult => ({ ok: false, error, token: current });

  const planned = planPageRequest({ settings, cursor, now: now() });
  if (!planned.ok) return fail({ kind: "permanent", message: planned.message });
  const request = planned.request;
  const secretParam = auth.type === "apiKeyQuery" ? auth.queryName : null;

  const renewToken = async (): Promise<TConnectorError | null> => {
    if (auth.type !== "oauth2ClientCredentials") return null;
    if (!secrets.clientSecret) return missing("client secret").error;
    const fetched = await fetchOauthToken({ auth, clientSecret: secrets.clientSecret, now, timeoutMs: settings.timeoutMs, dispatcher });
    if (!fetched.ok) return fetched.error;
    current = fetched.token;
    return null;
  };

  const send = async (): Promise<TOutboundResult | { kind: "failed"; error: TConnectorError }> => {
    const credentials = credentialsFor({ settings, secrets, accessToken: current?.accessToken ?? null });
    if ("error" in credentials) return { kind: "failed", error: credentials.error };
    const url = new URL(request.url);
    for (const [name, value] of Object.entries(credentials.query)) url.searchParams.set(name, value);
    const headers: Record<string, string> = { accept: "application/json", ...settings.headers, ...credentials.headers };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    return sendOutboundRequest({ url: url.toString(), method: settings.method, headers, body: request.body, timeoutMs: settings.timeoutMs, maxResponseBytes: settings.maxPageBytes + 1, dispatcher });
  };

  if (auth.type === "oauth2ClientCredentials" && (!current || current.expiresAt <= now().getTime())) {
    const error = await renewToken();
    if (error) return fail(error);
  }
  let sent = await send();
  // An OAuth 2 token can expire or be revoked before its expires_in: get a new one once, then believe the 401.
  if (auth.type === "oauth2ClientCredentials" && sent.kind === "response" && sent.status === 401) {
    const error = await renewToken();
    if (error) return fail(error);
    sent = await send();
  }
  if (sent.kind === "failed") return fail(sent.error);
  if (sent.kind === "error") return fail(describeOutboundError({ error: sent, what: "The API" }));
  if (sent.status < 200 || sent.status >= 300) return fail(classifyHttpFailure({ status: sent.status, headers: sent.headers, body: sent.bodyExcerpt, now: now() }));
  if (sent.bodyTruncated || Buffer.byteLength(sent.bodyExcerpt, "utf8") > settings.maxPageBytes) {
    return fail({ kind: "invalid_response", status: sent.status, message: `The page is larger than ${settings.maxPageBytes} bytes; ask for smaller pages (page size or limit).` });
  }
  let body: unknown;
  try {
    body = JSON.parse(sent.bodyExcerpt);
  } catch {
    const type = sent.headers["content-type"] ?? "no content type";
    return fail({ kind: "invalid_response", status: sent.status, message: `The response is not valid JSON (${type}, ${Buffer.byteLength(sent.bodyExcerpt, "utf8")} bytes).` });
  }
  const advanced = advanceRestCursor({ settings, cursor, request, body, headers: sent.headers });
  if (!advanced.ok) return fail({ kind: "invalid_response", status: sent.status, message: advanced.message });
  return {
    ok: true,
    token: current,
    page: { status: sent.status, body, rawText: sent.bodyExcerpt, requestUrl: redactUrl(request.url, secretParam), fetchedAt: now(), durationMs: sent.durationMs, hasMore: advanced.hasMore, cursor: advanced.cursor },
  };
};
