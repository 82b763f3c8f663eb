// `Get` of one entity type (connector-protocols.md §2.5), checked entity by entity.
import type { ZodType } from "zod";
import { callGeotab } from "./call-geotab";
import type { TEntityList, TGeotabClientOptions, TGeotabResult, TGeotabSession, TGeotabSettings } from "./geotab-types";
import { parseEntityList } from "./parse-entity-list";

/** Get's maximum per call; asking for more is an OverLimitException. */
export const MAX_GET_RESULTS = 50_000;

export type TGetRequest = { settings: TGeotabSettings; password: string; session: TGeotabSession; client?: TGeotabClientOptions };

/** Gets the entities of `typeName` matching `search`, keeping those that fit `schema`. */
export const getGeotabEntities = async <T>({ typeName, schema, search, fields, settings, password, session, client = {} }: TGetRequest & { typeName: string; schema: ZodType<T>; search?: Record<string, unknown>; fields?: string[] }): Promise<TGeotabResult<TEntityList<T>>> => {
  const params: Record<string, unknown> = { typeName, resultsLimit: MAX_GET_RESULTS, ...(search ? { search } : {}), ...(fields ? { propertySelector: { fields, isIncluded: true } } : {}) };
  const answer = await callGeotab({ settings, password, session, method: "Get", params, client });
  if (!answer.ok) return answer;
  const list = parseEntityList({ schema, value: answer.value });
  if (!list) return { ok: false, session: answer.session, error: { kind: "invalid_response", message: `MyGeotab's answer to Get ${typeName} is not a list.` } };
  return { ok: true, session: answer.session, value: list };
};
