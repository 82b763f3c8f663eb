// `GetFeed` of one type (connector-protocols.md §2.4): from the stored `fromVersion`, or on first use from
// `search.fromDate`. A page as long as the limit means a backlog: the caller loops while `full`.
import { callGeotab } from "./call-geotab";
import { ZFeedPage, type TFeedPage, type TGeotabClientOptions, type TGeotabResult, type TGeotabSession, type TGeotabSettings } from "./geotab-types";

/** GetFeed's cap (larger limits are silently cut to it). */
export const MAX_FEED_RESULTS = 50_000;
/** A first run with no fromVersion starts this far back. */
export const FIRST_RUN_LOOKBACK_MS = 3_600_000;

export type TFeedRequest = {
  settings: TGeotabSettings;
  password: string;
  session: TGeotabSession;
  /** The last toVersion stored for this type; null on the first run. */
  fromVersion: string | null;
  /** Where a first run starts; default one hour before now. */
  fromDate?: Date;
  resultsLimit?: number;
  client?: TGeotabClientOptions;
};

export type TFeedResult = TFeedPage & { full: boolean };

/** Fetches one page of `typeName`'s feed; `search` adds type-specific criteria (e.g. a diagnostic). */
export const fetchGeotabFeed = async ({ typeName, search = {}, settings, password, session, fromVersion, fromDate, resultsLimit = MAX_FEED_RESULTS, client = {} }: TFeedRequest & { typeName: string; search?: Record<string, unknown> }): Promise<TGeotabResult<TFeedResult>> => {
  const limit = Math.min(Math.max(1, Math.floor(resultsLimit)), MAX_FEED_RESULTS);
  const nowMs = (client.now ?? Date.now)();
  // With a version the server ignores fromDate; without either it would answer only the head version and no data.
  const firstSearch = fromVersion ? search : { ...search, fromDate: (fromDate ?? new Date(nowMs - FIRST_RUN_LOOKBACK_MS)).toISOString() };
  const params: Record<string, unknown> = { typeName, resultsLimit: limit, ...(fromVersion ? { fromVersion } : {}), ...(Object.keys(firstSearch).length > 0 ? { search: firstSearch } : {}) };
  const answer = await callGeotab({ settings, password, session, method: "GetFeed", params, client });
  if (!answer.ok) return answer;
  const page = ZFeedPage.safeParse(answer.value);
  if (!page.success) return { ok: false, session: answer.session, error: { kind: "invalid_response", message: `MyGeotab's ${typeName} feed page is not {data: [objects], toVersion}.` } };
  return { ok: true, session: answer.session, value: { ...page.data, full: page.data.data.length >= limit } };
};
