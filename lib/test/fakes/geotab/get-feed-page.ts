// `GetFeed` (§2.4): pages of a type's feed from `fromVersion`, or, on first use, from `search.fromDate`.
import { z } from "zod";
import { entitySource } from "./entity-source";
import { formatFeedVersion, parseFeedVersion } from "./feed-version";
import { GeotabException } from "./geotab-exception";
import type { TEntitySource, TGeotabEntities } from "./geotab-types";
import { matchesSearch, ZSearch } from "./match-search";
import { selectProperties, ZPropertySelector } from "./select-properties";

export const ZGetFeedParams = z
  .object({
    typeName: z.string(),
    fromVersion: z.string().nullish(),
    search: ZSearch.optional(),
    resultsLimit: z.number().int().positive().optional(),
    propertySelector: ZPropertySelector.optional(),
  })
  .loose();

/** DeviceStatusInfo and Driver are not feed types (§2.4). */
const NOT_FEEDS = new Set(["DeviceStatusInfo"]);

type TFeedOptions = {
  /** GetFeed caps resultsLimit silently at this (50,000, §2.3). */
  maxResults: number;
  /** Whether feed records carry their `version` (unverified for LogRecord, §7.2). */
  recordsCarryVersion: boolean;
  /** Whether a StatusData feed honours `search.diagnosticSearch` (unverified, §2.5); if not, it is ignored. */
  statusDataFiltersByDiagnostic: boolean;
};

/** One page: `{data, toVersion}`; a page as long as the limit means a backlog. */
export const getFeedPage = ({ entities, params, options }: { entities: TGeotabEntities; params: z.infer<typeof ZGetFeedParams>; options: TFeedOptions }) => {
  const { typeName, source } = entitySource({ entities, typeName: params.typeName });
  if (NOT_FEEDS.has(typeName)) throw new GeotabException("ArgumentException", `'${typeName}' does not support GetFeed; use Get.`);
  const limit = Math.min(params.resultsLimit ?? options.maxResults, options.maxResults);
  const head = source.length;
  const version = (position: number) => formatFeedVersion({ typeName, position });
  let start: number;
  if (params.fromVersion) start = parseFeedVersion({ typeName, version: params.fromVersion, length: head });
  else if (params.search?.fromDate) start = firstIndexFrom({ source, fromDate: Date.parse(params.search.fromDate) });
  // Neither: only the current head, no data (§2.4).
  else return { data: [], toVersion: version(head) };
  const filter = typeName === "StatusData" && options.statusDataFiltersByDiagnostic && params.search?.diagnosticSearch
    ? { ...params.search, fromDate: undefined, toDate: undefined }
    : undefined;
  const project = selectProperties({ selector: params.propertySelector, typeName });
  const data: object[] = [];
  let position = start;
  while (position < head && data.length < limit) {
    const entity = source.at(position);
    position += 1;
    if (!entity || (filter && !matchesSearch({ entity, search: filter }))) continue;
    const projected = project(entity);
    data.push(options.recordsCarryVersion ? { ...projected, version: version(position) } : projected);
  }
  return { data, toVersion: version(position) };
};

/** The first position dated at or after `fromDate` (later positions may be earlier: "it may include earlier rows"). */
const firstIndexFrom = ({ source, fromDate }: { source: TEntitySource<object>; fromDate: number }) => {
  for (let index = 0; index < source.length; index += 1) {
    const dateTime = (source.at(index) as { dateTime?: unknown } | undefined)?.dateTime;
    if (typeof dateTime !== "string" || Date.parse(dateTime) >= fromDate) return index;
  }
  return source.length;
};
