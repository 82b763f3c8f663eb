// The portal's unit id for a Geotab device, from the property the connection chose.
import type { TDevice, TGeotabSettings } from "./geotab-types";

/** The device's name, licence plate or id; its id when the chosen property is empty or the device is unknown. */
export const resolveUnitId = ({ deviceId, device, unitIdFrom }: { deviceId: string; device: TDevice | undefined; unitIdFrom: TGeotabSettings["unitIdFrom"] }): string => {
  if (!device || unitIdFrom === "id") return deviceId;
  const value = (unitIdFrom === "name" ? device.name : device.licensePlate)?.trim();
  return value ? value : deviceId;
};
