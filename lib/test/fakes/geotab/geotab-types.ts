// Shapes of the MyGeotab entities the fake serves (connector-protocols.md §2.4–2.5).
// Nested entities are id stubs, as the real API sends them ("building block approach", §2.1).

/** An id stub (`{"id":"b3"}`); system entities without properties travel as bare strings ("UnknownDriverId"). */
export type TRef = { id: string };

/** What a feed or a Get walks: an array, or a generator that makes records on demand (the benchmark's 500,000). */
export type TEntitySource<T> = { readonly length: number; at: (index: number) => T | undefined };

export type TLogRecord = {
  id: string;
  dateTime: string;
  device: TRef;
  latitude: number;
  longitude: number;
  /** km/h: MyGeotab is always metric (§2.1). */
  speed: number;
};

export type TDevice = {
  id: string;
  name: string;
  serialNumber: string;
  licensePlate: string;
  vehicleIdentificationNumber: string;
  deviceType: string;
};

export type TDeviceStatusInfo = {
  device: TRef;
  dateTime: string;
  /** 0–359; −1 means unknown (§2.5). */
  bearing: number;
  isDriving: boolean;
  isDeviceCommunicating: boolean;
  latitude: number;
  longitude: number;
  speed: number;
  driver: TRef | "UnknownDriverId" | "NoDriverId";
  currentStateDuration: string;
  groups: TRef[];
  exceptionEvents: unknown[];
};

/** Drivers are User entities with `isDriver` (§2.4: "Driver" is not a feed type). */
export type TUser = { id: string; name: string; firstName: string; lastName: string; isDriver: boolean; employeeNo: string };

export type TDriverChange = { id: string; dateTime: string; device: TRef; driver: TRef | "UnknownDriverId"; type: "Driver" | "TypeDriverChange" };

/** Ignition is StatusData of diagnostic `DiagnosticIgnitionId`, data 1 (on) or 0 (off) (§2.5). */
export type TStatusData = { id: string; dateTime: string; device: TRef; diagnostic: TRef; data: number };

export type TDiagnostic = { id: string; name: string; diagnosticType: string };

/** Zone points are `{x: longitude, y: latitude}`. */
export type TZone = { id: string; name: string; points: { x: number; y: number }[] };

export type TRoutePlanItem = {
  route: TRef;
  zone: TRef;
  sequence: number;
  /** Expected arrival. */
  dateTime: string;
  activeFrom: string;
  activeTo: string;
  expectedStopDuration: string;
};

/** Only `routeType: "Plan"` routes carry a device and a plan (§2.5). */
export type TRoute = {
  id: string;
  name: string;
  routeType: "Basic" | "Plan";
  device?: TRef;
  comment: string;
  routePlanItemCollection: TRoutePlanItem[];
};

export type TGeotabEntityMap = {
  LogRecord: TLogRecord;
  Device: TDevice;
  DeviceStatusInfo: TDeviceStatusInfo;
  User: TUser;
  DriverChange: TDriverChange;
  StatusData: TStatusData;
  Diagnostic: TDiagnostic;
  Zone: TZone;
  Route: TRoute;
};

export type TGeotabTypeName = keyof TGeotabEntityMap;

/**
 * Everything a fake database holds, by Geotab type name, in feed (version) order. Tests replace a type's source
 * (`state.entities.LogRecord = [...old, next]`, or a generator); a position's version never changes.
 */
export type TGeotabEntities = { [K in TGeotabTypeName]: TEntitySource<TGeotabEntityMap[K]> };

/** Seed data as plain arrays (assignable to TGeotabEntities). */
export type TGeotabEntityArrays = { [K in TGeotabTypeName]: TGeotabEntityMap[K][] };
