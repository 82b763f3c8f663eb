// LogRecords → canonical positions (connector-protocols.md §2.4–2.5, §6): km/h as sent, moving when speed > 0,
// heading and driving state from DeviceStatusInfo for the fix it describes (bearing −1 = unknown), else the
// bearing between the device's consecutive fixes; ignition from StatusData; driver names from DriverChange + User.
import type { TEnvelopePosition } from "./geotab-envelope";
import type { TDevice, TDeviceStatusInfo, TDriverChange, TFeedRecord, TGeotabSettings, TStatusData, TUser } from "./geotab-types";
import { resolveUnitId } from "./resolve-unit-id";

/** A DeviceStatusInfo describes a fix dated within this of its own dateTime. */
const STATUS_MATCH_MS = 60_000;
/** Below this distance between two fixes a computed bearing is noise. */
const MIN_BEARING_DISTANCE_M = 10;
const SYSTEM_DRIVERS = new Set(["UnknownDriverId", "NoDriverId"]);

export type TPositionContext = {
  unitIdFrom: TGeotabSettings["unitIdFrom"];
  devices: TDevice[];
  statusInfos?: TDeviceStatusInfo[];
  driverChanges?: TDriverChange[];
  users?: TUser[];
  ignition?: TStatusData[];
};

type TTimed = { atMs: number };

const refId = (value: unknown): string | null => {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string") return (value as { id: string }).id || null;
  return null;
};

const timeOf = (value: unknown) => (typeof value === "string" ? Date.parse(value) : Number.NaN);

/** Per device, entries sorted by time, for "the latest at or before". */
const byDevice = <T>(items: T[], device: (item: T) => string | null, at: (item: T) => number): Map<string, (T & TTimed)[]> => {
  const map = new Map<string, (T & TTimed)[]>();
  for (const item of items) {
    const id = device(item);
    const atMs = at(item);
    if (!id || Number.isNaN(atMs)) continue;
    const list = map.get(id) ?? [];
    list.push({ ...item, atMs });
    map.set(id, list);
  }
  for (const list of map.values()) list.sort((a, b) => a.atMs - b.atMs);
  return map;
};

const latestAtOrBefore = <T extends TTimed>(list: T[] | undefined, atMs: number): T | undefined => {
  if (!list || Number.isNaN(atMs)) return undefined;
  let found: T | undefined;
  for (const item of list) {
    if (item.atMs > atMs) break;
    found = item;
  }
  return found;
};

const toRadians = (deg: number) => (deg * Math.PI) / 180;

/** Initial great-circle bearing from one fix to the next, 0–359, or null when they are too close to tell. */
const bearingBetween = (from: { lat: number; lng: number }, to: { lat: number; lng: number }): number | null => {
  const [φ1, φ2, Δλ] = [toRadians(from.lat), toRadians(to.lat), toRadians(to.lng - from.lng)];
  const Δφ = φ2 - φ1;
  const a = Math.sin(Δφ / 2) ** 2 + Math.cos(φ1) * Math.cos(φ2) * Math.sin(Δλ / 2) ** 2;
  if (2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(a))) < MIN_BEARING_DISTANCE_M) return null;
  const θ = Math.atan2(Math.sin(Δλ) * Math.cos(φ2), Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ));
  return Math.round(((θ * 180) / Math.PI + 360) % 360) % 360;
};

const driverName = (user: TUser | undefined): string | undefined => {
  if (!user) return undefined;
  const full = [user.firstName, user.lastName].filter((part) => part && part.trim()).join(" ").trim();
  return full || user.name?.trim() || undefined;
};

const finite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** Maps one page of LogRecords; `recordKeys[i]` is position i's LogRecord id; `unknownDeviceIds` are worth a Device refresh. */
export const mapGeotabPositions = ({ logRecords, context }: { logRecords: TFeedRecord[]; context: TPositionContext }) => {
  const devices = new Map(context.devices.map((device) => [device.id, device]));
  const users = new Map((context.users ?? []).map((user) => [user.id, user]));
  const statuses = new Map((context.statusInfos ?? []).map((status) => [status.device.id, { ...status, atMs: timeOf(status.dateTime) }]));
  const changes = byDevice(context.driverChanges ?? [], (change) => change.device.id, (change) => timeOf(change.dateTime));
  const ignition = byDevice(context.ignition ?? [], (row) => row.device.id, (row) => timeOf(row.dateTime));
  // Parsed once: a full page is 50,000 records.
  const times = logRecords.map((record) => timeOf(record.dateTime));
  const deviceIds = logRecords.map((record) => refId(record.device));
  // The fix a DeviceStatusInfo describes: the device's latest in this page, if dated close to the status.
  const latestIndex = new Map<string, number>();
  deviceIds.forEach((id, index) => {
    const previous = id === null ? undefined : latestIndex.get(id);
    if (id !== null && (previous === undefined || !(times[previous]! > times[index]!))) latestIndex.set(id, index);
  });
  const lastFix = new Map<string, { lat: number; lng: number; atMs: number }>();
  const unknownDeviceIds = new Set<string>();
  const positions: TEnvelopePosition[] = [];
  const recordKeys: (string | null)[] = [];

  logRecords.forEach((record, index) => {
    const deviceId = deviceIds[index]!;
    const atMs = times[index]!;
    const position: TEnvelopePosition = { at: record.dateTime, lat: record.latitude, lng: record.longitude };
    if (record.speed !== undefined && record.speed !== null) position.speedKmh = record.speed;
    if (finite(record.speed)) position.isMoving = record.speed > 0;
    if (deviceId !== null) {
      const device = devices.get(deviceId);
      if (!device) unknownDeviceIds.add(deviceId);
      position.externalUnitId = resolveUnitId({ deviceId, device, unitIdFrom: context.unitIdFrom });
      const status = statuses.get(deviceId);
      const described = status && latestIndex.get(deviceId) === index && Math.abs(status.atMs - atMs) <= STATUS_MATCH_MS;
      if (described && finite(status.bearing) && status.bearing >= 0 && status.bearing < 360) position.headingDeg = status.bearing;
      if (described && typeof status.isDriving === "boolean") position.isMoving = status.isDriving;
      if (finite(record.latitude) && finite(record.longitude) && !Number.isNaN(atMs)) {
        const before = lastFix.get(deviceId);
        if (position.headingDeg === undefined && before && before.atMs <= atMs) {
          const computed = bearingBetween(before, { lat: record.latitude, lng: record.longitude });
          if (computed !== null) position.headingDeg = computed;
        }
        if (!before || before.atMs <= atMs) lastFix.set(deviceId, { lat: record.latitude, lng: record.longitude, atMs });
      }
      const on = latestAtOrBefore(ignition.get(deviceId), atMs);
      if (on) position.ignitionOn = on.data !== 0;
      const change = latestAtOrBefore(changes.get(deviceId), atMs);
      const driverId = change ? refId(change.driver) : null;
      const name = driverId && !SYSTEM_DRIVERS.has(driverId) ? driverName(users.get(driverId)) : undefined;
      if (name) position.driverName = name;
    }
    positions.push(position);
    recordKeys.push(typeof record.id === "string" && record.id !== "" ? record.id : null);
  });
  return { positions, recordKeys, unknownDeviceIds: [...unknownDeviceIds] };
};
