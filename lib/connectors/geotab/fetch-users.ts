// Driver names: Get User (drivers are User entities with isDriver).
import { getGeotabEntities, type TGetRequest } from "./get-geotab-entities";
import { ZUser, type TEntityList, type TGeotabResult, type TUser } from "./geotab-types";

/** The users who are drivers, or the one with `id`. */
export const fetchUsers = ({ id, ...request }: TGetRequest & { id?: string }): Promise<TGeotabResult<TEntityList<TUser>>> =>
  getGeotabEntities({ ...request, typeName: "User", schema: ZUser, fields: ["id", "name", "firstName", "lastName"], search: id ? { id } : { isDriver: true } });
