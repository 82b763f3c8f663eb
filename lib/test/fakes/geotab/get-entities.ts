// `Get` and `GetCountOf` (§2.5; result limits: Geotab SDK concepts, "Result Limits").
import { z } from "zod";
import { entitySource } from "./entity-source";
import { GeotabException } from "./geotab-exception";
import type { TGeotabEntities } from "./geotab-types";
import { matchesSearch, ZSearch } from "./match-search";
import { selectProperties, ZPropertySelector } from "./select-properties";

export const ZGetParams = z
  .object({
    typeName: z.string(),
    search: ZSearch.optional(),
    resultsLimit: z.number().int().positive().optional(),
    propertySelector: ZPropertySelector.optional(),
  })
  .loose();

/**
 * The matching entities. A resultsLimit above `maxResults` is an OverLimitException; so is a call without one whose
 * matches exceed it (the server never silently truncates a Get, unlike GetFeed).
 */
export const getEntities = ({ entities, params, maxResults, countOnly = false }: { entities: TGeotabEntities; params: z.infer<typeof ZGetParams>; maxResults: number; countOnly?: boolean }) => {
  const { typeName, source } = entitySource({ entities, typeName: params.typeName });
  if (!countOnly && params.resultsLimit !== undefined && params.resultsLimit > maxResults) {
    throw new GeotabException("OverLimitException", `Supplied results limit (${params.resultsLimit}) exceeds maximum limit (${maxResults}).`);
  }
  const project = selectProperties({ selector: params.propertySelector, typeName });
  const limit = countOnly ? Number.POSITIVE_INFINITY : (params.resultsLimit ?? maxResults + 1);
  const found: object[] = [];
  let count = 0;
  for (let index = 0; index < source.length && found.length < limit; index += 1) {
    const entity = source.at(index);
    if (!entity || (params.search && !matchesSearch({ entity, search: params.search }))) continue;
    count += 1;
    if (!countOnly) found.push(project(entity));
  }
  if (countOnly) return count;
  if (params.resultsLimit === undefined && found.length > maxResults) {
    throw new GeotabException("OverLimitException", `Results exceed the maximum limit (${maxResults}); supply a resultsLimit and a narrower search.`);
  }
  return found;
};
