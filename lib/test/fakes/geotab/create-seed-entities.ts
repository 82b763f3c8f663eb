// A small, realistic MyGeotab database: three vehicles around Rotterdam, one of them with an unknown bearing,
// drivers, ignition, and a dispatch plan whose items are stored out of sequence order (the connector must sort).
import type { TGeotabEntityArrays, TLogRecord, TRoutePlanItem } from "./geotab-types";

const iso = (ms: number) => new Date(ms).toISOString();

/** The seed data, dated relative to `nowMs` so a first poll's one-hour `fromDate` includes it. */
export const createSeedEntities = ({ nowMs }: { nowMs: number }): TGeotabEntityArrays => {
  const minutesAgo = (minutes: number) => iso(nowMs - minutes * 60_000);
  const logRecord = (id: string, device: string, minutes: number, latitude: number, longitude: number, speed: number): TLogRecord => ({
    id, dateTime: minutesAgo(minutes), device: { id: device }, latitude, longitude, speed,
  });
  const planItem = (zone: string, sequence: number, hoursAhead: number): TRoutePlanItem => ({
    route: { id: "r1" },
    zone: { id: zone },
    sequence,
    dateTime: iso(nowMs + hoursAhead * 3_600_000),
    activeFrom: iso(nowMs + (hoursAhead - 1) * 3_600_000),
    activeTo: iso(nowMs + (hoursAhead + 1) * 3_600_000),
    expectedStopDuration: "00:30:00",
  });
  return {
    Device: [
      { id: "b1", name: "Truck 101", serialNumber: "G9A1B2C3D401", licensePlate: "BX-101-NL", vehicleIdentificationNumber: "WDB9634031L000101", deviceType: "GO9" },
      { id: "b2", name: "Truck 102", serialNumber: "G9A1B2C3D402", licensePlate: "BX-102-NL", vehicleIdentificationNumber: "WDB9634031L000102", deviceType: "GO9" },
      { id: "b3", name: "Van 7", serialNumber: "G9A1B2C3D403", licensePlate: "VN-007-NL", vehicleIdentificationNumber: "WF0XXXTTGX0000007", deviceType: "GO9" },
    ],
    LogRecord: [
      logRecord("b10A01", "b1", 10, 51.9244, 4.4777, 52),
      logRecord("b10A02", "b2", 10, 51.8850, 4.2870, 0),
      logRecord("b10A03", "b3", 9, 52.0116, 4.3571, 31),
      logRecord("b10A04", "b1", 5, 51.9390, 4.5012, 64.5),
      logRecord("b10A05", "b2", 5, 51.8850, 4.2870, 0),
      logRecord("b10A06", "b3", 4, 52.0301, 4.3902, 47),
      logRecord("b10A07", "b1", 1, 51.9541, 4.5304, 71),
    ],
    DeviceStatusInfo: [
      { device: { id: "b1" }, dateTime: minutesAgo(1), bearing: 45, isDriving: true, isDeviceCommunicating: true, latitude: 51.9541, longitude: 4.5304, speed: 71, driver: { id: "u1" }, currentStateDuration: "00:12:00", groups: [{ id: "GroupCompanyId" }], exceptionEvents: [] },
      { device: { id: "b2" }, dateTime: minutesAgo(5), bearing: -1, isDriving: false, isDeviceCommunicating: true, latitude: 51.885, longitude: 4.287, speed: 0, driver: "UnknownDriverId", currentStateDuration: "01:40:00", groups: [{ id: "GroupCompanyId" }], exceptionEvents: [] },
      { device: { id: "b3" }, dateTime: minutesAgo(4), bearing: 310, isDriving: true, isDeviceCommunicating: true, latitude: 52.0301, longitude: 4.3902, speed: 47, driver: { id: "u2" }, currentStateDuration: "00:03:00", groups: [{ id: "GroupCompanyId" }], exceptionEvents: [] },
    ],
    User: [
      { id: "u1", name: "jan.devries@acme.example", firstName: "Jan", lastName: "de Vries", isDriver: true, employeeNo: "D-0001" },
      { id: "u2", name: "sanne.bakker@acme.example", firstName: "Sanne", lastName: "Bakker", isDriver: true, employeeNo: "D-0002" },
      { id: "u3", name: "planner@acme.example", firstName: "Piet", lastName: "Planner", isDriver: false, employeeNo: "" },
    ],
    DriverChange: [
      { id: "dc1", dateTime: minutesAgo(30), device: { id: "b1" }, driver: { id: "u1" }, type: "Driver" },
      { id: "dc2", dateTime: minutesAgo(20), device: { id: "b3" }, driver: { id: "u2" }, type: "Driver" },
    ],
    StatusData: [
      { id: "sd1", dateTime: minutesAgo(12), device: { id: "b1" }, diagnostic: { id: "DiagnosticIgnitionId" }, data: 1 },
      { id: "sd2", dateTime: minutesAgo(11), device: { id: "b2" }, diagnostic: { id: "DiagnosticIgnitionId" }, data: 0 },
      { id: "sd3", dateTime: minutesAgo(10), device: { id: "b1" }, diagnostic: { id: "DiagnosticOdometerId" }, data: 123_456_000 },
      { id: "sd4", dateTime: minutesAgo(9), device: { id: "b3" }, diagnostic: { id: "DiagnosticIgnitionId" }, data: 1 },
    ],
    Diagnostic: [
      { id: "DiagnosticIgnitionId", name: "Ignition", diagnosticType: "GoDiagnostic" },
      { id: "DiagnosticOdometerId", name: "Odometer", diagnosticType: "GoDiagnostic" },
    ],
    Zone: [
      { id: "z1", name: "Depot Waalhaven", points: [{ x: 4.42, y: 51.88 }, { x: 4.44, y: 51.88 }, { x: 4.44, y: 51.9 }, { x: 4.42, y: 51.9 }, { x: 4.42, y: 51.88 }] },
      { id: "z2", name: "Customer Utrecht", points: [{ x: 5.1, y: 52.08 }, { x: 5.12, y: 52.08 }, { x: 5.12, y: 52.1 }, { x: 5.1, y: 52.1 }, { x: 5.1, y: 52.08 }] },
      { id: "z3", name: "Customer Amersfoort", points: [{ x: 5.38, y: 52.15 }, { x: 5.4, y: 52.15 }, { x: 5.4, y: 52.17 }, { x: 5.38, y: 52.17 }, { x: 5.38, y: 52.15 }] },
    ],
    Route: [
      // Stored out of sequence on purpose.
      { id: "r1", name: "Tour 2024-05-01 North", routeType: "Plan", device: { id: "b1" }, comment: "", routePlanItemCollection: [planItem("z3", 3, 4), planItem("z1", 1, 1), planItem("z2", 2, 2)] },
      { id: "r2", name: "Reference loop", routeType: "Basic", comment: "a Basic route has no plan", routePlanItemCollection: [] },
    ],
  };
};
