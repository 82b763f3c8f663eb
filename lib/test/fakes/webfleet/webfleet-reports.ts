// Row generators for showObjectReportExtern (reference §1.5) and showOrderReportExtern
// (§1.6), plus the order type and state tables of §1.6 (data, so tests can extend them).
import type { TRow } from "./webfleet-render";

/** §1.6 `order_type` / `ordertype` (S). */
export const WEBFLEET_ORDER_TYPES = { service: 1, pickup: 2, delivery: 3 } as const;

/** §1.6 `order_state` values: the first group seen in code (S), the rest from memory of the reference guide (?). */
export const WEBFLEET_ORDER_STATES: Record<number, string> = {
  0: "not yet sent", 100: "sent", 101: "received", 102: "read", 103: "accepted",
  201: "service started", 202: "service arrived", 203: "service work started", 204: "service work finished", 205: "service departed",
  221: "pickup started", 222: "pickup arrived", 223: "pickup work started", 224: "pickup work finished", 225: "pickup departed",
  241: "delivery started", 242: "delivery arrived", 243: "delivery work started", 244: "delivery work finished", 245: "delivery departed",
  298: "resumed", 299: "suspended", 301: "cancelled", 302: "rejected", 401: "finished",
};

/** Degrees as the locale-dependent DMS string of §1.5 (English form); connectors must read the `_mdeg` fields instead. */
const toDms = (degrees: number, [positive, negative]: [string, string]) => {
  const absolute = Math.abs(degrees);
  const whole = Math.floor(absolute);
  const minutes = Math.floor((absolute - whole) * 60);
  const seconds = ((absolute - whole) * 60 - minutes) * 60;
  return `${whole}° ${minutes}' ${seconds.toFixed(1)}" ${degrees < 0 ? negative : positive}`;
};

export type TObjectInput = {
  objectno: string;
  objectname: string;
  objectuid?: string;
  latitude?: number;
  longitude?: number;
  posTime?: string;
  speedKmh?: number;
  course?: number;
  ignition?: 0 | 1;
  driver?: string;
  drivername?: string;
  driveruid?: string;
  deleted?: boolean;
};

/**
 * A showObjectReportExtern row with the §1.5 field list. `speed` and `odometer` are strings as in the
 * §1.5 example (whose values are illustrative: a connector should accept numbers and numeric strings).
 */
export const makeObjectReportRow = (input: TObjectInput): TRow => {
  const latitude = input.latitude ?? 52.37;
  const longitude = input.longitude ?? 4.895;
  const time = input.posTime ?? "2024-05-01T10:15:00Z";
  return {
    objectno: input.objectno, objectname: input.objectname, objectclassname: "", objecttype: "", description: "",
    lastmsgid: 0, deleted: input.deleted ?? false, msgtime: time,
    longitude: toDms(longitude, ["E", "W"]), latitude: toDms(latitude, ["N", "S"]),
    postext: "", postext_short: "", pos_time: time,
    speed: String(input.speedKmh ?? 0), course: input.course ?? 0, direction: 1, status: "A",
    dest_latitude: 0, dest_longitude: 0, dest_text: "", dest_eta: "", dest_isorder: false, dest_addrnr: "", orderno: "",
    driver: input.driver ?? "", drivername: input.drivername ?? "", drivertelmobile: "",
    codriver: "", codrivername: "", codrivertelmobile: "", driver_currentworkstate: 0, codriver_currentworkstate: 0,
    rll_btaddress: "", odometer: "1234567", ignition: input.ignition ?? 0, ignition_time: "", dest_distance: 0,
    tripmode: 0, standstill: (input.speedKmh ?? 0) > 0 ? 0 : 1, pndconn: 0,
    latitude_mdeg: Math.round(latitude * 1_000_000), longitude_mdeg: Math.round(longitude * 1_000_000),
    objectuid: input.objectuid ?? `1-1-${input.objectno}`, fuellevel: 0, externalid: "",
    driveruid: input.driveruid ?? "", codriveruid: "", driverkey_deviceaddress: "",
    fuellevel_milliliters: 0, engine_operation_time: 0, odometer_long: 123456700,
  };
};

export type TOrderInput = {
  orderid: string;
  ordertext?: string;
  ordertype: 1 | 2 | 3;
  orderstate: number;
  orderstateTime?: string;
  objectno: string;
  objectname?: string;
  objectuid?: string;
  drivername?: string;
  estimatedArrivalTime?: string;
  latitude?: number;
  longitude?: number;
  city?: string;
  street?: string;
  zip?: string;
  country?: string;
};

/**
 * A showOrderReportExtern row: the fields seen in clients (§1.6, S). The destination coordinates
 * are ?: the fake names them `latitude`/`longitude` in integer micro-degrees, as sendDestinationOrderExtern takes them.
 */
export const makeOrderReportRow = (input: TOrderInput): TRow => ({
  orderid: input.orderid,
  ordertext: input.ordertext ?? input.orderid,
  ordertype: input.ordertype,
  orderstate: input.orderstate,
  orderstate_time: input.orderstateTime ?? "2024-05-01T08:00:00Z",
  objectno: input.objectno,
  objectname: input.objectname ?? input.objectno,
  objectuid: input.objectuid ?? `1-1-${input.objectno}`,
  drivername: input.drivername ?? "",
  estimated_arrival_time: input.estimatedArrivalTime ?? "",
  delay_warnings: 0,
  latitude: Math.round((input.latitude ?? 0) * 1_000_000),
  longitude: Math.round((input.longitude ?? 0) * 1_000_000),
  country: input.country ?? "", zip: input.zip ?? "", city: input.city ?? "", street: input.street ?? "",
});
