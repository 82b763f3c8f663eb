// Unit names: Get Device (id, name, licence plate); the caller caches it and refreshes every 10 minutes.
import { getGeotabEntities, type TGetRequest } from "./get-geotab-entities";
import { ZDevice, type TDevice, type TEntityList, type TGeotabResult } from "./geotab-types";

/** Every device, or the one with `id`. */
export const fetchDevices = ({ id, ...request }: TGetRequest & { id?: string }): Promise<TGeotabResult<TEntityList<TDevice>>> =>
  getGeotabEntities({ ...request, typeName: "Device", schema: ZDevice, fields: ["id", "name", "licensePlate"], ...(id ? { search: { id } } : {}) });
