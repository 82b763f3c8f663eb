// Queue messages → the canonical envelope. Every message with a fix (pos_latitude, pos_longitude,
// pos_time) is a position, whatever its type; class-11 order messages are also plans. Values the
// vendor got wrong are passed on unchanged, so the front door's normaliser drops or warns with its
// reason codes and the carrier sees why, instead of the record vanishing here.
import { indexWebfleetObjects } from "./index-webfleet-objects";
import { readWebfleetNumber } from "./read-webfleet-number";
import { toWebfleetLegKind } from "./to-webfleet-leg-kind";
import { toWebfleetOrderPlace } from "./to-webfleet-order-place";
import { toWebfleetPlanStatus } from "./to-webfleet-plan-status";
import type { TEnvelopePlan, TEnvelopePosition, TWebfleetMappedPage, TWebfleetObjectRow, TWebfleetOrderRow, TWebfleetQueueMessage, TWebfleetSettings } from "./types";

const ORDER_MESSAGE_CLASS = 11;

const present = (value: unknown) => value !== undefined && value !== null && value !== "";
/** Micro-degrees to degrees; anything else is left for the normaliser to refuse. */
const degrees = (value: unknown) => {
  const micro = readWebfleetNumber(value);
  return micro === null ? value : micro / 1_000_000;
};

const toPosition = ({ message, unitId, driverName }: { message: TWebfleetQueueMessage; unitId: string | null; driverName: string | null }): TEnvelopePosition => {
  const speed = readWebfleetNumber(message.speed);
  const course = readWebfleetNumber(message.course);
  const ignition = readWebfleetNumber(message.ign);
  return {
    externalUnitId: unitId,
    at: message.pos_time,
    lat: degrees(message.pos_latitude),
    lng: degrees(message.pos_longitude),
    ...(present(message.speed) ? { speedKmh: speed ?? message.speed, ...(speed !== null ? { isMoving: speed > 0 } : {}) } : {}),
    ...(present(message.course) ? { headingDeg: course ?? message.course } : {}),
    ...(ignition === 0 || ignition === 1 ? { ignitionOn: ignition === 1 } : {}),
    ...(driverName ? { driverName } : {}),
  };
};

/**
 * Maps one popped page. `objects` (the object report) resolves ids and driver names; `orders`
 * (the order report) gives order plans their destination. The cursor is the ack to send once
 * the page's message is committed; recordKeys are the msgids, exact, in page order.
 */
export const mapWebfleetMessages = ({ messages, unitIdFrom, objects = [], orders = [] }: { messages: readonly TWebfleetQueueMessage[]; unitIdFrom: TWebfleetSettings["unitIdFrom"]; objects?: readonly TWebfleetObjectRow[]; orders?: readonly TWebfleetOrderRow[] }): TWebfleetMappedPage => {
  const index = indexWebfleetObjects(objects);
  const orderRows = new Map(orders.map((row) => [row.orderid, row]));
  const positions: TEnvelopePosition[] = [];
  // The queue is in message order, so a later state of the same order replaces an earlier one.
  const plans = new Map<string, TEnvelopePlan>();
  for (const message of messages) {
    const unitId = index.unitId({ record: message, unitIdFrom });
    if (present(message.pos_latitude) && present(message.pos_longitude) && present(message.pos_time)) {
      positions.push(toPosition({ message, unitId, driverName: index.driverName(message) }));
    }
    const orderno = typeof message.orderno === "string" ? message.orderno.trim() : "";
    if (Number(message.msg_class) === ORDER_MESSAGE_CLASS && orderno !== "") {
      const place = toWebfleetOrderPlace(orderRows.get(orderno));
      plans.set(orderno, {
        externalUnitId: unitId,
        externalPlanId: orderno,
        status: toWebfleetPlanStatus(message.order_state),
        ...(present(message.msg_time) ? { sourceFetchedAt: message.msg_time } : {}),
        legs: [{ seq: 0, kind: toWebfleetLegKind(message.order_type), ...(place ? { place } : {}) }],
      });
    }
  }
  const last = messages.at(-1);
  return {
    envelope: { positions, plans: [...plans.values()], availability: [] },
    recordKeys: messages.map((message) => message.msgid),
    cursor: last ? { action: "ackQueueMessagesExtern", msgclass: 0, messageCount: messages.length, lastMsgid: last.msgid } : null,
  };
};
