// DeviceStatusInfo for a generated fleet (one per device, as Get DeviceStatusInfo answers), every 10th with an
// unknown bearing (−1, §2.5) so heading fallbacks are exercised at scale too.
import { deviceIdAt } from "./generate-devices";
import type { TDeviceStatusInfo } from "./geotab-types";

/** One status per device of generateDevices({count}), dated `atMs`. */
export const generateDeviceStatusInfos = ({ count, atMs }: { count: number; atMs: number }): TDeviceStatusInfo[] =>
  Array.from({ length: count }, (_, index) => ({
    device: { id: deviceIdAt(index) },
    dateTime: new Date(atMs).toISOString(),
    bearing: index % 10 === 0 ? -1 : (index * 37) % 360,
    isDriving: index % 3 !== 0,
    isDeviceCommunicating: true,
    latitude: 44 + (index % 100) * 0.08,
    longitude: -1 + Math.floor(index / 100) * 0.08,
    speed: index % 3 === 0 ? 0 : 40 + (index % 50),
    driver: "UnknownDriverId",
    currentStateDuration: "00:05:00",
    groups: [{ id: "GroupCompanyId" }],
    exceptionEvents: [],
  }));
