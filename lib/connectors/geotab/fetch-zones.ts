// Stop places of plans: Get Zone (name and boundary points, x = longitude, y = latitude).
import { getGeotabEntities, type TGetRequest } from "./get-geotab-entities";
import { ZZone, type TEntityList, type TGeotabResult, type TZone } from "./geotab-types";

/** Every zone, or the one with `id`. */
export const fetchZones = ({ id, ...request }: TGetRequest & { id?: string }): Promise<TGeotabResult<TEntityList<TZone>>> =>
  getGeotabEntities({ ...request, typeName: "Zone", schema: ZZone, fields: ["id", "name", "points"], ...(id ? { search: { id } } : {}) });
