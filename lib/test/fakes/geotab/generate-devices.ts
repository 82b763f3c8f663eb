// Devices for a generated fleet: ids b1, b2, … (hex, like MyGeotab's), names unique, plates unique.
import type { TDevice } from "./geotab-types";

/** The id of the device at `index` (shared with generateLogRecords so records point at real devices). */
export const deviceIdAt = (index: number) => `b${(index + 1).toString(16)}`;

/** `count` devices, built eagerly (10,000 devices are ~2 MB). */
export const generateDevices = ({ count }: { count: number }): TDevice[] =>
  Array.from({ length: count }, (_, index) => ({
    id: deviceIdAt(index),
    name: `Truck ${String(index + 1).padStart(5, "0")}`,
    serialNumber: `G9${(0xa00000 + index).toString(16).toUpperCase()}`,
    licensePlate: `GT-${String(index + 1).padStart(5, "0")}`,
    vehicleIdentificationNumber: `WDB${String(index).padStart(14, "0")}`,
    deviceType: "GO9",
  }));
