// A JSON-RPC call with a session: signs in when there is none (or it belongs to other settings), sends the call to
// the session's server, and on InvalidUserException (an expired or revoked session) signs in once more and retries.
import { authenticateGeotab } from "./authenticate-geotab";
import type { TGeotabClientOptions, TGeotabResult, TGeotabSession, TGeotabSettings } from "./geotab-types";
import { resolveGeotabApiUrl } from "./resolve-geotab-api-url";
import { sendGeotabCall } from "./send-geotab-call";

type TCallGeotab = {
  settings: TGeotabSettings;
  password: string;
  session: TGeotabSession;
  method: string;
  params: Record<string, unknown>;
  client?: TGeotabClientOptions;
};

/** Whether a stored session can be used for these settings (a changed server, database or user invalidates it). */
const belongsTo = (session: TGeotabSession, settings: TGeotabSettings) =>
  session.credentials !== null &&
  session.apiUrl !== null &&
  session.serverUrl === resolveGeotabApiUrl({ server: settings.server }) &&
  session.credentials.database.toLowerCase() === settings.database.toLowerCase() &&
  session.credentials.userName.toLowerCase() === settings.userName.toLowerCase();

/** Calls `method`; the returned session (changed or not) is the one to keep. */
export const callGeotab = async ({ settings, password, session, method, params, client = {} }: TCallGeotab): Promise<TGeotabResult<unknown>> => {
  let current = session;
  let fresh = false;
  if (!belongsTo(current, settings)) {
    const login = await authenticateGeotab({ settings, password, session: current, client });
    if (!login.ok) return login;
    current = login.value;
    fresh = true;
  }
  for (;;) {
    const { apiUrl, credentials } = current;
    const answer = await sendGeotabCall({ apiUrl: apiUrl!, method, params: { ...params, credentials }, secrets: [password, credentials!.sessionId], client });
    if (answer.ok) return { ok: true, value: answer.value, session: current };
    if (answer.error.vendorType !== "InvalidUserException" || fresh) {
      // A session refused right after signing in: the login itself is not allowed here; drop it.
      const kept = answer.error.vendorType === "InvalidUserException" ? { ...current, credentials: null, apiUrl: null } : current;
      return { ok: false, error: answer.error, session: kept };
    }
    const login = await authenticateGeotab({ settings, password, session: current, client });
    if (!login.ok) return login;
    current = login.value;
    fresh = true;
  }
};
