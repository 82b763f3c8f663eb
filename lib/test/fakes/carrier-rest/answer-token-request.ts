// The OAuth 2 token endpoint, client-credentials grant (RFC 6749 §4.4), that
// issues short-lived bearer tokens (connector-protocols.md §4.4 profile 4).
import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { TIssuedToken } from "./check-credentials";
import { safeEqual } from "./safe-equal";
import { jsonReply, type TReply } from "./reply";
import type { TFakeAuth } from "./types";

// RFC 6749 §5.1: token responses must not be cached.
const json = (status: number, body: unknown, headers: Record<string, string> = {}): TReply => jsonReply(status, body, { "cache-control": "no-store", pragma: "no-cache", ...headers });

// RFC 6749 §2.3.1: the client id and secret are form-encoded before being put in the Basic credentials.
const formDecode = (value: string) => decodeURIComponent(value.replace(/\+/g, " "));

const basicClient = (authorization: string | undefined): { id: string; secret: string } | null => {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
};

/** Answers a POST to the token endpoint; issued tokens are added to `tokens`. */
export const answerTokenRequest = ({ auth, headers, rawBody, tokens, now, refuseAll }: { auth: TFakeAuth; headers: IncomingHttpHeaders; rawBody: string; tokens: Map<string, TIssuedToken>; now: number; refuseAll: boolean }): TReply => {
  if (auth.type !== "oauth2ClientCredentials") return json(404, { message: "This fake is not configured for OAuth 2" });
  if (!(headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return json(400, { error: "invalid_request", error_description: "The body must be application/x-www-form-urlencoded" });
  }
  const form = new URLSearchParams(rawBody);
  if (form.get("grant_type") !== "client_credentials") return json(400, { error: "unsupported_grant_type" });
  const viaBasic = basicClient(headers.authorization);
  const viaBody = form.has("client_id") ? { id: form.get("client_id") ?? "", secret: form.get("client_secret") ?? "" } : null;
  const allowed = auth.clientAuth ?? "either";
  const client = allowed === "basic" ? viaBasic : allowed === "post" ? viaBody : (viaBasic ?? viaBody);
  // RFC 6749 §5.2: invalid_client is a 401, with a challenge when the client tried the Authorization header.
  const challenge: Record<string, string> = headers.authorization ? { "www-authenticate": 'Basic realm="fake-carrier-token"' } : {};
  if (!client || refuseAll || !safeEqual(client.id, auth.clientId) || !safeEqual(client.secret, auth.clientSecret)) {
    return json(401, { error: "invalid_client", error_description: "Client authentication failed" }, challenge);
  }
  const requested = (form.get("scope") ?? "").split(" ").filter(Boolean);
  const scopes = auth.scopes ?? [];
  if (scopes.length > 0 && requested.some((scope) => !scopes.includes(scope))) return json(400, { error: "invalid_scope" });
  const ttl = auth.tokenTtlSeconds ?? 3600;
  const accessToken = randomBytes(24).toString("base64url");
  const scope = (requested.length > 0 ? requested : scopes).join(" ");
  tokens.set(accessToken, { expiresAt: now + ttl * 1000, scope });
  return json(200, { access_token: accessToken, token_type: "Bearer", expires_in: ttl, ...(scope ? { scope } : {}) });
};
