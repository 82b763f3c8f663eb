// Logins and sessions (§2.2): Authenticate opens a session; every later call carries credentials with the
// sessionId (or, counted against the Authenticate limit, the password).
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { createRateLimiter } from "./create-rate-limiter";
import type { TGeotabState } from "./fake-geotab-state";
import { GeotabException } from "./geotab-exception";

export const ZCredentials = z.object({ database: z.string(), userName: z.string(), sessionId: z.string().optional(), password: z.string().optional() }).loose();
export const ZAuthenticateParams = z.object({ database: z.string(), userName: z.string(), password: z.string() }).loose();

type TContext = { state: TGeotabState; limiter: ReturnType<typeof createRateLimiter>; now: () => number; sessionTtlMs: number };

const digest = (value: string) => createHash("sha256").update(value).digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));
const incorrect = () => new GeotabException("InvalidUserException", "Incorrect login credentials");
const unknownDatabase = (database: string) => new GeotabException("DbUnavailableException", `UnknownDatabase: database '${database}' was not found on this server.`);

const passwordMatches = ({ state, userName, password }: { state: TGeotabState; userName: string; password: string }) =>
  // Every login is compared, so the time taken does not tell which user names exist.
  state.logins.map((login) => login.userName.toLowerCase() === userName.toLowerCase() && sameSecret(login.password, password)).includes(true);

/** `Authenticate`: counts toward 10/min per user even when it fails; follows a directory redirect. */
export const authenticate = ({ context, params }: { context: TContext; params: z.infer<typeof ZAuthenticateParams> }) => {
  const { state, limiter, now, sessionTtlMs } = context;
  limiter.take({ method: "Authenticate", userName: params.userName, database: params.database });
  if (params.database.toLowerCase() !== state.database.toLowerCase()) throw unknownDatabase(params.database);
  const home = state.redirectTo?.state ?? state;
  if (!passwordMatches({ state: home, userName: params.userName, password: params.password })) throw incorrect();
  const sessionId = Array.from({ length: 3 }, () => String(randomInt(1_000_000, 9_999_999))).join("");
  home.sessions.set(sessionId, { database: home.database, userName: params.userName, expiresAtMs: now() + sessionTtlMs });
  return {
    credentials: { database: home.database, sessionId, userName: params.userName },
    path: state.redirectTo ? state.redirectTo.host : "ThisServer",
  };
};

/** Checks the credentials of a call; a password instead of a session counts as an Authenticate (Geotab SDK concepts, "Rate limits"). */
export const checkCredentials = ({ context, credentials }: { context: TContext; credentials: unknown }) => {
  const { state, limiter, now } = context;
  const parsed = ZCredentials.safeParse(credentials);
  if (!parsed.success) throw incorrect();
  const { database, userName, sessionId, password } = parsed.data;
  if (database.toLowerCase() !== state.database.toLowerCase()) throw unknownDatabase(database);
  if (password !== undefined) {
    limiter.take({ method: "Authenticate", userName, database });
    if (state.redirectTo || !passwordMatches({ state, userName, password })) throw incorrect();
    return { userName, database };
  }
  const session = sessionId === undefined ? undefined : state.sessions.get(sessionId);
  if (!session || session.userName.toLowerCase() !== userName.toLowerCase() || session.expiresAtMs <= now()) throw incorrect();
  return { userName, database };
};

/** `ExtendSession` (§2.2; its exact result is not in the reference: this returns a LoginResult, as Authenticate). */
export const extendSession = ({ context, credentials }: { context: TContext; credentials: unknown }) => {
  checkCredentials({ context, credentials });
  const { sessionId, userName, database } = ZCredentials.parse(credentials);
  const session = sessionId === undefined ? undefined : context.state.sessions.get(sessionId);
  if (!session || sessionId === undefined) throw incorrect();
  session.expiresAtMs = context.now() + context.sessionTtlMs;
  return { credentials: { database, sessionId, userName }, path: "ThisServer" };
};
