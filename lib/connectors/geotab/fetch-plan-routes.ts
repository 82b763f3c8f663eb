// Dispatch plans: Get Route, keeping type Plan (a Basic route is a template with no vehicle).
import { getGeotabEntities, type TGetRequest } from "./get-geotab-entities";
import { ZRoute, type TEntityList, type TGeotabResult, type TRoute } from "./geotab-types";

/** The routes of type Plan. */
export const fetchPlanRoutes = async (request: TGetRequest): Promise<TGeotabResult<TEntityList<TRoute>>> => {
  const answer = await getGeotabEntities({ ...request, typeName: "Route", schema: ZRoute });
  if (!answer.ok) return answer;
  return { ...answer, value: { entities: answer.value.entities.filter((route) => route.routeType === "Plan"), skipped: answer.value.skipped } };
};
