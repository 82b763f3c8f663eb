// The Webfleet mapping feeds the front door's own normaliser: good vendor data passes with zero
// drops, bad vendor records come out with the normaliser's reason codes.
import { describe, expect, it } from "vitest";
import { normalizeEnvelope } from "@/lib/ingest/normalize/normalize-envelope";
import { makeOrderMessage, makePositionMessage } from "@/lib/test/fakes/webfleet/webfleet-messages";
import { makeObjectReportRow, makeOrderReportRow } from "@/lib/test/fakes/webfleet/webfleet-reports";
import { mapWebfleetMessages } from "./map-webfleet-messages";
import { ZWebfleetObjectReport, ZWebfleetOrderReport, ZWebfleetQueuePage, type TWebfleetQueueMessage } from "./types";

const now = new Date("2017-06-20T12:00:00Z");
const normalize = (envelope: unknown) => normalizeEnvelope({ envelope, messageId: "msg-1", limits: { now, maxFutureMs: 5 * 60_000, maxAgeMs: null } });
/** Messages as the client hands them over: validated, msgid a string. */
const page = (messages: Record<string, unknown>[]): TWebfleetQueueMessage[] =>
  ZWebfleetQueuePage.parse(messages.map((message) => ({ ...message, msgid: String(message.msgid) })));
const objects = ZWebfleetObjectReport.parse([
  makeObjectReportRow({ objectno: "1198", objectname: "DD-WF 1198", objectuid: "1-1-5301430A0E", drivername: "Jan Jansen" }),
  makeObjectReportRow({ objectno: "002", objectname: "Truck 2", objectuid: "1-1-299CF855B" }),
]);
const track = (overrides: Partial<Parameters<typeof makePositionMessage>[0]> = {}) =>
  makePositionMessage({ objectno: "1198", objectuid: "1-1-5301430A0E", latitude: 51.363008, longitude: 13.73807, posTime: "2017-06-20T11:52:05Z", speedKmh: 102, course: 225, ignition: 1, ...overrides });

describe("positions", () => {
  it("maps a tracking message: micro-degrees ÷ 10⁶, km/h, course → heading, ign → ignition, moving when speed > 0, the driver from the object report", () => {
    const mapped = mapWebfleetMessages({ messages: page([track({ msgid: 72808266468 })]), unitIdFrom: "objectno", objects });
    expect(mapped.envelope.positions).toEqual([
      { externalUnitId: "1198", at: "2017-06-20T11:52:05Z", lat: 51.363008, lng: 13.73807, speedKmh: 102, isMoving: true, headingDeg: 225, ignitionOn: true, driverName: "Jan Jansen" },
    ]);
    const normalized = normalize(mapped.envelope);
    expect(normalized.issues).toEqual([]);
    expect(normalized.positions).toMatchObject([{ externalUnitId: "1198", lat: 51.363008, lng: 13.73807, speedKmh: 102, headingDeg: 225, isMoving: true, ignitionOn: true, driverName: "Jan Jansen" }]);
  });

  it("a standing vehicle with ignition off is not moving; a message of any type with a fix is a position, one without is not", () => {
    const standing = track({ speedKmh: 0, course: 0, ignition: 0, posTime: "2017-06-20T11:53:05Z" });
    const logon = { ...track({ msgid: 72808266470, msgType: 50000710, msgClass: 5 }), pos_latitude: undefined, pos_longitude: undefined, pos_time: undefined };
    const mapped = mapWebfleetMessages({ messages: page([standing, logon]), unitIdFrom: "objectno" });
    expect(mapped.envelope.positions).toEqual([{ externalUnitId: "1198", at: "2017-06-20T11:53:05Z", lat: 51.363008, lng: 13.73807, speedKmh: 0, isMoving: false, headingDeg: 0, ignitionOn: false }]);
    expect(mapped.recordKeys).toEqual([String(standing.msgid), "72808266470"]);
  });

  it("takes the unit id from objectuid when set, and fills a missing id from the object report", () => {
    const noUid = { ...track(), objectuid: "" };
    const noNo = { ...track({ posTime: "2017-06-20T11:54:05Z" }), objectno: undefined };
    expect(mapWebfleetMessages({ messages: page([track(), noUid]), unitIdFrom: "objectuid", objects }).envelope.positions.map((p) => p.externalUnitId)).toEqual(["1-1-5301430A0E", "1-1-5301430A0E"]);
    expect(mapWebfleetMessages({ messages: page([noNo]), unitIdFrom: "objectno", objects }).envelope.positions.map((p) => p.externalUnitId)).toEqual(["1198"]);
  });

  it("passes bad vendor values on, so the normaliser drops them with its reason codes (and keeps a fix with a bad optional field)", () => {
    const messages = page([
      { ...track(), pos_latitude: 0, pos_longitude: 0 },
      track({ posTime: "20.06.2017 13:52:05" }),
      { ...track({ posTime: "2017-06-20T11:55:05Z" }), pos_latitude: "north" },
      { ...track({ posTime: "2017-06-20T11:56:05Z" }), objectno: "", objectuid: "1-1-UNKNOWN" },
      { ...track({ posTime: "2017-06-20T11:57:05Z" }), pos_latitude: 95_000_000 },
      { ...track({ posTime: "2017-06-20T11:58:05Z" }), speed: 400 },
    ]);
    const normalized = normalize(mapWebfleetMessages({ messages, unitIdFrom: "objectno", objects }).envelope);
    expect(normalized.issues.map((issue) => [issue.severity, issue.index, issue.reason])).toEqual([
      ["dropped", 0, "zero_coordinates"],
      ["dropped", 1, "invalid_timestamp"],
      ["dropped", 2, "invalid_type"],
      ["dropped", 3, "missing_field"],
      ["dropped", 4, "out_of_range"],
      ["warning", 5, "out_of_range"],
    ]);
    expect(normalized.positions).toMatchObject([{ index: 5, speedKmh: null }]);
  });
});

describe("orders and the cursor", () => {
  it("a class-11 message is a plan (orderno → externalPlanId, order_type → leg kind, order_state → status), its destination from the order report; the latest state wins", () => {
    const orders = ZWebfleetOrderReport.parse([makeOrderReportRow({ orderid: "N06-03", ordertype: 3, orderstate: 100, objectno: "002", latitude: 48.141644, longitude: 11.549744, zip: "80335", country: "DE", city: "München", street: "Bayerstraße 10" })]);
    const started = makeOrderMessage({ objectno: "002", objectuid: "1-1-299CF855B", orderno: "N06-03", orderType: 3, orderState: 241, msgTime: "2017-05-15T01:31:47Z", position: { latitude: 48.141644, longitude: 11.549744, posTime: "2017-05-15T01:31:45Z" } });
    const finished = makeOrderMessage({ objectno: "002", objectuid: "1-1-299CF855B", orderno: "N06-03", orderType: 3, orderState: 401, msgTime: "2017-05-15T02:10:00Z" });
    const pickup = makeOrderMessage({ objectno: "002", orderno: "P-7", orderType: 2, orderState: 222, msgTime: "2017-05-15T01:00:00Z" });
    const mapped = mapWebfleetMessages({ messages: page([started, pickup, finished]), unitIdFrom: "objectno", objects, orders });
    expect(mapped.envelope.plans).toEqual([
      { externalUnitId: "002", externalPlanId: "N06-03", status: "completed", sourceFetchedAt: "2017-05-15T02:10:00Z", legs: [{ seq: 0, kind: "delivery", place: { lat: 48.141644, lng: 11.549744, postalCode: "80335", country: "DE", name: "Bayerstraße 10, München" } }] },
      { externalUnitId: "002", externalPlanId: "P-7", status: "in_progress", sourceFetchedAt: "2017-05-15T01:00:00Z", legs: [{ seq: 0, kind: "pickup" }] },
    ]);
    expect(mapped.envelope.positions).toHaveLength(1);
    const normalized = normalize(mapped.envelope);
    expect(normalized.issues).toEqual([]);
    expect(normalized.plans.map((plan) => [plan.externalPlanId, plan.status, plan.legs[0]?.kind, plan.legs[0]?.placeName])).toEqual([["N06-03", "completed", "delivery", "Bayerstraße 10, München"], ["P-7", "in_progress", "pickup", null]]);
  });

  it.each([
    [0, "planned"], [100, "planned"], [103, "planned"], [201, "in_progress"], [222, "in_progress"], [241, "in_progress"], [242, "in_progress"],
    [301, "cancelled"], [302, "cancelled"], [401, "completed"], ["401", "completed"], [undefined, "planned"],
  ])("order_state %s → %s", (orderState, status) => {
    const message = { ...makeOrderMessage({ objectno: "002", orderno: "X", orderType: 1, orderState: 0, msgTime: "2017-05-15T01:00:00Z" }), order_state: orderState };
    const [plan] = mapWebfleetMessages({ messages: page([message]), unitIdFrom: "objectno" }).envelope.plans;
    expect([plan?.status, plan?.legs[0]?.kind]).toEqual([status, "reposition"]);
  });

  it("a position message with an empty orderno is no plan; the cursor is the ack of the whole page with its last msgid; an empty page has none", () => {
    const messages = page([track({ msgid: 9_007_199_254_740_993n }), { ...track({ msgid: 9_007_199_254_740_995n, posTime: "2017-06-20T11:53:05Z" }), msg_class: 11 }]);
    const mapped = mapWebfleetMessages({ messages, unitIdFrom: "objectno" });
    expect(mapped.envelope.plans).toEqual([]);
    expect(mapped.recordKeys).toEqual(["9007199254740993", "9007199254740995"]);
    expect(mapped.cursor).toEqual({ action: "ackQueueMessagesExtern", msgclass: 0, messageCount: 2, lastMsgid: "9007199254740995" });
    expect(mapWebfleetMessages({ messages: [], unitIdFrom: "objectno" })).toEqual({ envelope: { positions: [], plans: [], availability: [] }, recordKeys: [], cursor: null });
  });
});
