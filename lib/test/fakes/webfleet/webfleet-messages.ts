// Queue message generators shaped like the captured samples of reference §1.4: every
// field present even when empty, coordinates as integer micro-degrees, speed km/h,
// ISO-8601 UTC times, and a 64-bit `msgid` (pass a bigint to exceed 2^53).
import type { TQueueMessage } from "./webfleet-queues";

let lastMsgid = 72_808_266_468;
/** A fresh msgid in the range of the captured samples; msgids are account-wide in Webfleet, so one counter for all fakes. */
export const nextMsgid = () => (lastMsgid += 1);

const ZERO_TIME = "0001-01-01T00:00:00Z";
const toMicro = (degrees: number) => Math.round(degrees * 1_000_000);
/** §1.4 `direction`: 1=N … 8=NW from the course. */
const toDirection = (course: number) => (Math.round((((course % 360) + 360) % 360) / 45) % 8) + 1;

export type TPositionInput = {
  objectno: string;
  objectuid?: string;
  latitude: number;
  longitude: number;
  posTime: string;
  msgid?: number | bigint;
  msgTime?: string;
  speedKmh?: number;
  course?: number;
  ignition?: 0 | 1;
  driveruid?: string;
  status?: "A" | "V" | "L" | "0";
  msgType?: number;
  msgClass?: number;
  msgText?: string;
};

/** A class-4 tracking message (`…353`) with the full field set of the second §1.4 sample; override class/type for other kinds. */
export const makePositionMessage = (input: TPositionInput): TQueueMessage => ({
  msgid: input.msgid ?? nextMsgid(),
  msg_time: input.msgTime ?? input.posTime,
  msg_class: input.msgClass ?? 4,
  msg_type: input.msgType ?? 41100353,
  msg_text: input.msgText ?? "Spurdaten (1x)",
  objectno: input.objectno,
  objectuid: input.objectuid ?? `1-1-${input.objectno}`,
  orderno: "", order_type: 1, order_state: 0, order_address_no: "",
  ign: input.ignition ?? ((input.speedKmh ?? 0) > 0 ? 1 : 0),
  pndconn: 0, trip_mode: 0, trip_type: "", inputs: "", outputs: "",
  odometer: 6291300,
  speed: input.speedKmh ?? 0,
  course: input.course ?? 0,
  direction: toDirection(input.course ?? 0),
  status: input.status ?? "A",
  distance: 0,
  pos_latitude: toMicro(input.latitude),
  pos_longitude: toMicro(input.longitude),
  pos_country: "DE", pos_postcode: "", pos_addressno: "", pos_text: "", pos_params: "",
  pos_time: input.posTime,
  dest_latitude: 0, dest_longitude: 0, dest_text: "", eta: ZERO_TIME, user_status: 0, user_text: "",
  dt_cardid: "", dt_cardtype: 0, dt_cardaction: "", dt_slot: 0, dtstate: 0,
  driveruid: input.driveruid ?? "", driverkey_deviceaddress: "", driverkey: "", workstate: 0,
  source_device: "", rll_btaddress: "", rll_buttonid: "", surplus_data: "",
  event_time: ZERO_TIME, start_time: "", start_latitude: 0, start_longitude: 0, start_odometer: 0,
  end_time: "", end_latitude: 0, end_longitude: 0, end_odometer: 0,
});

export type TOrderMessageInput = {
  objectno: string;
  objectuid?: string;
  orderno: string;
  orderType: 1 | 2 | 3;
  orderState: number;
  msgTime: string;
  msgid?: number | bigint;
  /** The fix carried by the message; order messages carry one in the §1.4 sample, so they are positions too. */
  position?: { latitude: number; longitude: number; posTime: string };
  msgText?: string;
};

/** A class-11 order state message (`…760`), shaped like the §1.4 sample. */
export const makeOrderMessage = (input: TOrderMessageInput): TQueueMessage => ({
  msgid: input.msgid ?? nextMsgid(),
  msg_time: input.msgTime,
  msg_class: 11,
  msg_type: 110000760,
  msg_text: input.msgText ?? `Auftrag ${input.orderno}: ${input.orderState}`,
  objectno: input.objectno,
  objectuid: input.objectuid ?? `1-1-${input.objectno}`,
  orderno: input.orderno,
  order_type: input.orderType,
  order_state: input.orderState,
  ...(input.position
    ? { pos_latitude: toMicro(input.position.latitude), pos_longitude: toMicro(input.position.longitude), pos_time: input.position.posTime }
    : {}),
  pos_text: "", pos_postcode: "", pos_addrno: "", pos_country: "DE",
  speed: 0, course: 0, direction: 1, odometer: 4309093, status: "A", pos_params: "",
});
