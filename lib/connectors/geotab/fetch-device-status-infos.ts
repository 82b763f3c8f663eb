// Heading and driving state: Get DeviceStatusInfo (not a feed type); `bearing` −1 means unknown.
import { getGeotabEntities, type TGetRequest } from "./get-geotab-entities";
import { ZDeviceStatusInfo, type TDeviceStatusInfo, type TEntityList, type TGeotabResult } from "./geotab-types";

/** The current status of every device, or of the one with `deviceId`. */
export const fetchDeviceStatusInfos = ({ deviceId, ...request }: TGetRequest & { deviceId?: string }): Promise<TGeotabResult<TEntityList<TDeviceStatusInfo>>> =>
  getGeotabEntities({ ...request, typeName: "DeviceStatusInfo", schema: ZDeviceStatusInfo, ...(deviceId ? { search: { deviceSearch: { id: deviceId } } } : {}) });
