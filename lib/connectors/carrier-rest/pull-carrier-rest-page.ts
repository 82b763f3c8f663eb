// One carrier-rest page for a pull context: the stored settings, secrets,
// cursor and OAuth token read with the client's schemas, the page fetched and
// mapped with the carrier's expression, and split into messages. Shared by
// the poll (which lands it) and "Test connection" (which only shows it).
import { z } from "zod";
import { sha256Hex } from "@/lib/crypto/random-token";
import type { TPulledMessage, TPullContext, TPullError } from "@/lib/connectors/pull/types";
import { fetchRestPage } from "./fetch-rest-page";
import { mapRestPage, type TRestEnvelope } from "./map-rest-page";
import { EMPTY_CARRIER_REST_CURSOR, ZCarrierRestCursor, ZCarrierRestSecrets, ZCarrierRestSettings, ZOAuthToken, type TCarrierRestSettings, type TOAuthToken } from "./settings";
import { splitRestEnvelope } from "./split-rest-envelope";
import type { TConnectorError, TRestPage } from "./types";

/** The stored session: the OAuth token and what it was issued for. */
const ZRestSession = ZOAuthToken.extend({ boundTo: z.string() });

export type TPullCarrierRestPageResult =
  | { ok: true; settings: TCarrierRestSettings; page: TRestPage; envelope: TRestEnvelope; messages: TPulledMessage[]; session?: unknown }
  /** `page` is there when the page arrived but its mapping failed (the connection test still shows it). */
  | { ok: false; stage: "settings" | "fetch" | "mapping"; error: TPullError; settings?: TCarrierRestSettings; page?: TRestPage; session?: unknown };

const describeIssues = (error: z.ZodError): string => error.issues.map((issue) => `${issue.path.join(".") || "value"}: ${issue.message}`).join("; ");

// A token is only sent where it was issued: a carrier who points the settings at another host or client gets a new one.
const bindingOf = (settings: TCarrierRestSettings): string | null => {
  const auth = settings.auth;
  if (auth.type !== "oauth2ClientCredentials") return null;
  return sha256Hex(JSON.stringify([new URL(settings.baseUrl).origin, auth.tokenUrl, auth.clientId, auth.scope ?? "", auth.audience ?? ""]));
};

const readToken = (session: unknown, binding: string | null): TOAuthToken | null => {
  const parsed = ZRestSession.safeParse(session);
  if (!binding || !parsed.success || parsed.data.boundTo !== binding) return null;
  return { accessToken: parsed.data.accessToken, expiresAt: parsed.data.expiresAt };
};

/** What to persist: the new token, null to clear a token that no longer applies, undefined to leave the stored one. */
const sessionAfter = ({ before, token, binding, stored }: { before: TOAuthToken | null; token: TOAuthToken | null; binding: string | null; stored: unknown }): unknown => {
  if (binding && token) return before && before.accessToken === token.accessToken && before.expiresAt === token.expiresAt ? undefined : { ...token, boundTo: binding };
  return stored === null || stored === undefined ? undefined : null;
};

const toPullError = (error: TConnectorError): TPullError => (error.kind === "rate_limited" ? { kind: error.kind, message: error.message, retryAfterMs: error.retryAfterMs } : { kind: error.kind, message: error.message });

/** Fetches and maps the page the context's cursor points at; stores and acknowledges nothing. */
export const pullCarrierRestPage = async (context: TPullContext): Promise<TPullCarrierRestPageResult> => {
  const settings = ZCarrierRestSettings.safeParse(context.settings);
  if (!settings.success) return { ok: false, stage: "settings", error: { kind: "permanent", message: `The connector settings are not valid: ${describeIssues(settings.error)}.` } };
  const secrets = ZCarrierRestSecrets.safeParse(context.secrets ?? {});
  // Only the field names and zod's words: the values are secrets.
  if (!secrets.success) return { ok: false, stage: "settings", error: { kind: "permanent", message: `The stored credentials are not valid: ${describeIssues(secrets.error)}. Enter them again.` } };
  const cursor = context.cursor === null || context.cursor === undefined ? { success: true as const, data: EMPTY_CARRIER_REST_CURSOR } : ZCarrierRestCursor.safeParse(context.cursor);
  if (!cursor.success) return { ok: false, stage: "settings", error: { kind: "permanent", message: `The stored cursor cannot be read (${describeIssues(cursor.error)}); reset it to start again.` } };

  const binding = bindingOf(settings.data);
  const before = readToken(context.session, binding);
  const fetched = await fetchRestPage({ settings: settings.data, cursor: cursor.data, secrets: secrets.data, token: before, now: () => context.now, dispatcher: context.dispatcher });
  const session = sessionAfter({ before, token: fetched.token, binding, stored: context.session });
  if (!fetched.ok) return { ok: false, stage: "fetch", error: toPullError(fetched.error), settings: settings.data, session };

  const page = fetched.page;
  const mapped = await mapRestPage({ expression: settings.data.mapping, body: page.body, bodyBytes: Buffer.byteLength(page.rawText, "utf8"), units: settings.data.units });
  // The carrier must fix the expression; polling again unchanged would fail the same way.
  if (!mapped.ok) return { ok: false, stage: "mapping", error: { kind: "permanent", message: mapped.error.message }, settings: settings.data, page, session };
  return { ok: true, settings: settings.data, page, envelope: mapped.envelope, messages: splitRestEnvelope({ envelope: mapped.envelope }), session };
};
