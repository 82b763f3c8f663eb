// `Authenticate` (connector-protocols.md §2.2): database, user name and password give a session id and the `path`
// of the server that holds the database. At most 10 per minute per connection, counted here before sending, so a
// wrong password never locks the carrier's MyGeotab user.
import { z } from "zod";
import type { TGeotabClientOptions, TGeotabResult, TGeotabSession, TGeotabSettings } from "./geotab-types";
import { resolveGeotabApiUrl } from "./resolve-geotab-api-url";
import { sendGeotabCall } from "./send-geotab-call";

export const MAX_AUTHENTICATIONS_PER_MINUTE = 10;
const WINDOW_MS = 60_000;

const ZLoginResult = z.object({
  credentials: z.object({ database: z.string().min(1), userName: z.string().min(1), sessionId: z.string().min(1) }),
  path: z.string().min(1),
});

/** Authenticates and returns the new session (also on failure: it records the attempt). */
export const authenticateGeotab = async ({ settings, password, session, client = {} }: { settings: TGeotabSettings; password: string; session: TGeotabSession; client?: TGeotabClientOptions }): Promise<TGeotabResult<TGeotabSession>> => {
  const nowMs = (client.now ?? Date.now)();
  const serverUrl = resolveGeotabApiUrl({ server: settings.server });
  const recent = session.recentAuthentications.filter((at) => at > nowMs - WINDOW_MS && at <= nowMs);
  const base: TGeotabSession = { serverUrl, apiUrl: null, credentials: null, recentAuthentications: recent };
  if (!serverUrl) return { ok: false, session: base, error: { kind: "permanent", message: `The server "${settings.server}" is neither a host name such as my.geotab.com nor an http(s) URL.` } };
  if (recent.length >= MAX_AUTHENTICATIONS_PER_MINUTE) {
    const retryAfterMs = Math.max(1, recent[0]! + WINDOW_MS - nowMs);
    return { ok: false, session: base, error: { kind: "rate_limited", retryAfterMs, message: `Not signing in to MyGeotab again yet: ${MAX_AUTHENTICATIONS_PER_MINUTE} sign-ins in the last minute (MyGeotab's limit).` } };
  }
  const attempted: TGeotabSession = { ...base, recentAuthentications: [...recent, nowMs] };
  const answer = await sendGeotabCall({
    apiUrl: serverUrl,
    method: "Authenticate",
    params: { database: settings.database, userName: settings.userName, password },
    secrets: [password],
    client,
    retries: 0,
  });
  if (!answer.ok) return { ok: false, session: attempted, error: answer.error };
  const login = ZLoginResult.safeParse(answer.value);
  if (!login.success) return { ok: false, session: attempted, error: { kind: "invalid_response", message: "MyGeotab's answer to Authenticate has no session credentials and path." } };
  const apiUrl = resolveGeotabApiUrl({ server: settings.server, path: login.data.path });
  if (!apiUrl) return { ok: false, session: attempted, error: { kind: "invalid_response", message: `MyGeotab named a server path that is not a host name: "${login.data.path.slice(0, 200)}".` } };
  const next: TGeotabSession = { ...attempted, apiUrl, credentials: login.data.credentials };
  return { ok: true, value: next, session: next };
};
