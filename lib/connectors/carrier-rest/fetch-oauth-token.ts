// OAuth 2 client-credentials grant (RFC 6749 §4.4) through the SSRF guard: the
// token URL is the carrier's input like the base URL.
import type { Dispatcher } from "undici";
import { z } from "zod";
import { sendOutboundRequest } from "@/lib/net/send-outbound-request";
import { classifyHttpFailure } from "./classify-http-failure";
import { describeOutboundError } from "./describe-outbound-error";
import type { TCarrierRestSettings, TOAuthToken } from "./settings";
import type { TConnectorError } from "./types";

type TOAuthSettings = Extract<TCarrierRestSettings["auth"], { type: "oauth2ClientCredentials" }>;

const ZTokenResponse = z.object({
  access_token: z.string().min(1).max(8_000),
  token_type: z.string().refine((t) => t.toLowerCase() === "bearer", "token_type must be Bearer"),
  expires_in: z.coerce.number().positive().optional(),
});

/** A token without expires_in is assumed to last this long, then refreshed (or sooner, on a 401). */
const DEFAULT_LIFETIME_MS = 3_600_000;

// Renew before the vendor does: a token that expires in flight costs a 401 and a second round trip.
const expiryMargin = (lifetimeMs: number) => Math.min(60_000, lifetimeMs / 10);

// RFC 6749 §2.3.1: id and secret are form-encoded before they go into Basic credentials.
const formEncode = (value: string) => encodeURIComponent(value).replace(/%20/g, "+");

/** Fetches a new access token; errors name the token endpoint and never the client secret. */
export const fetchOauthToken = async ({ auth, clientSecret, now, timeoutMs, dispatcher }: { auth: TOAuthSettings; clientSecret: string; now: () => Date; timeoutMs: number; dispatcher?: Dispatcher }): Promise<{ ok: true; token: TOAuthToken } | { ok: false; error: TConnectorError }> => {
  const form = new URLSearchParams({ grant_type: "client_credentials" });
  if (auth.scope) form.set("scope", auth.scope);
  if (auth.audience) form.set("audience", auth.audience);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  if (auth.clientAuth === "basic") headers.authorization = `Basic ${Buffer.from(`${formEncode(auth.clientId)}:${formEncode(clientSecret)}`).toString("base64")}`;
  else {
    form.set("client_id", auth.clientId);
    form.set("client_secret", clientSecret);
  }
  const sent = await sendOutboundRequest({ url: auth.tokenUrl, method: "POST", headers, body: form.toString(), timeoutMs, maxResponseBytes: 64_000, dispatcher });
  if (sent.kind === "error") return { ok: false, error: describeOutboundError({ error: sent, what: "The token endpoint" }) };
  if (sent.status < 200 || sent.status >= 300) {
    const failure = classifyHttpFailure({ status: sent.status, headers: sent.headers, body: sent.bodyExcerpt, now: now(), what: "The token endpoint" });
    // RFC 6749 §5.2: invalid_client / unauthorized_client / invalid_grant come as 400 or 401: either way, the credentials.
    if (sent.status === 400 && /invalid_client|unauthorized_client|invalid_grant|invalid_scope/.test(sent.bodyExcerpt)) return { ok: false, error: { ...failure, kind: "auth" } as TConnectorError };
    return { ok: false, error: failure };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(sent.bodyExcerpt);
  } catch {
    return { ok: false, error: { kind: "invalid_response", status: sent.status, message: "The token endpoint's answer is not valid JSON." } };
  }
  const token = ZTokenResponse.safeParse(parsed);
  if (!token.success) return { ok: false, error: { kind: "invalid_response", status: sent.status, message: `The token endpoint's answer is not an OAuth 2 token response (${token.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}).` } };
  const lifetimeMs = token.data.expires_in !== undefined ? token.data.expires_in * 1000 : DEFAULT_LIFETIME_MS;
  return { ok: true, token: { accessToken: token.data.access_token, expiresAt: now().getTime() + lifetimeMs - expiryMargin(lifetimeMs) } };
};
