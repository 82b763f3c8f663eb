// The empty per-connection session a caller starts from (and falls back to when its stored one is unreadable).
import type { TGeotabSession } from "./geotab-types";

/** A session with no login yet. */
export const createGeotabSession = (): TGeotabSession => ({ serverUrl: null, apiUrl: null, credentials: null, recentAuthentications: [] });
