// One fetch of the Webfleet pull connector: create the queue once, pop the outstanding batch,
// refresh the object report (driver names, objectuid ↔ objectno) at most every 10 minutes and the
// order report only when the batch names an order it has not seen, then map. Nothing here acks:
// the pop is repeated until afterCommit acknowledges it, which is what makes a crash harmless.
import { z } from "zod";
import type { TFetchResult, TPullContext, TPullError } from "@/lib/connectors/pull/types";
import { createQueueExtern } from "./create-queue-extern";
import { mapWebfleetMessages } from "./map-webfleet-messages";
import { popQueueMessagesExtern } from "./pop-queue-messages-extern";
import { showObjectReportExtern } from "./show-object-report-extern";
import { showOrderReportExtern } from "./show-order-report-extern";
import { splitWebfleetPage } from "./split-webfleet-page";
import { ZWebfleetSecrets, ZWebfleetSettings, type TConnectorError, type TWebfleetConnection, type TWebfleetCursor, type TWebfleetObjectRow, type TWebfleetOrderRow, type TWebfleetQueueMessage, type TWebfleetRetry } from "./types";
import { readWebfleetSession, type TWebfleetSession } from "./webfleet-session";

/** Webfleet's documented batch size; a pop this full means more is waiting. */
export const WEBFLEET_POP_CAP = 500;
/** The object report (quota 6/min) is refreshed at most this often (issue 10). */
export const OBJECT_REPORT_MAX_AGE_MS = 10 * 60_000;
/** Order report refreshes for unseen orders stay below its 6/min quota even at 10 pops a minute. */
const ORDER_REPORT_MIN_GAP_MS = 15_000;
/** Bounds the sealed session: the most recent rows of a large order report. */
const MAX_CACHED_ORDERS = 2_000;
const ORDER_MESSAGE_CLASS = 11;

const LABELS: Record<string, string> = { serverUrl: "Server URL", account: "Account", username: "User name", unitIdFrom: "Unit id from", password: "Password", apiKey: "API key" };

const ZCursor = z.object({ action: z.literal("ackQueueMessagesExtern"), msgclass: z.literal(0), messageCount: z.number().int().nonnegative(), lastMsgid: z.string() });

/** The first problem of a settings or secrets object, named by its form label; zod's messages never include the value. */
const describeIssue = (error: z.ZodError, what: string) => {
  const issue = error.issues[0];
  const field = typeof issue?.path[0] === "string" ? issue.path[0] : null;
  return field ? `${LABELS[field] ?? field}: ${issue?.message}` : `The connector ${what} are missing or not an object.`;
};

/** The runner's error shape: the vendor code is already in the message. */
const toPullError = ({ kind, message, retryAfterMs }: TConnectorError): TPullError => ({ kind, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });

const isStale = ({ fetchedAt, now, maxAgeMs }: { fetchedAt: string | undefined; now: Date; maxAgeMs: number }) =>
  fetchedAt === undefined || now.getTime() - Date.parse(fetchedAt) >= maxAgeMs;

/** Keeps what the mapping reads of a report row, so the sealed session stays small. */
const pick = <T extends Record<string, unknown>>(row: T, keys: readonly string[]) => Object.fromEntries(keys.filter((key) => row[key] !== undefined).map((key) => [key, row[key]])) as T;
const OBJECT_FIELDS = ["objectno", "objectuid", "objectname", "drivername", "driver", "driveruid"] as const;
const ORDER_FIELDS = ["orderid", "latitude", "longitude", "street", "city", "zip", "country"] as const;

const orderNumbers = (messages: readonly TWebfleetQueueMessage[]) =>
  new Set(messages.filter((message) => Number(message.msg_class) === ORDER_MESSAGE_CLASS && typeof message.orderno === "string" && message.orderno.trim() !== "").map((message) => String(message.orderno).trim()));

/** A report that is over quota or briefly unavailable must not hold up the queue: the batch maps with the rows at hand. */
const degrades = (error: TConnectorError) => error.kind === "rate_limited" || error.kind === "transient";

export type TWebfleetFetch = { result: TFetchResult; records: TWebfleetQueueMessage[] };

/** Fetches and maps one page; `records` are the popped queue messages as Webfleet sent them (msgids as strings). */
export const fetchWebfleetPage = async ({ context, retry }: { context: TPullContext; retry?: TWebfleetRetry }): Promise<TWebfleetFetch> => {
  const fail = (error: TPullError, session?: TWebfleetSession): TWebfleetFetch => ({ result: { ok: false, error, ...(session ? { session } : {}) }, records: [] });
  const settings = ZWebfleetSettings.safeParse(context.settings ?? {});
  if (!settings.success) return fail({ kind: "permanent", message: describeIssue(settings.error, "settings") });
  const secrets = ZWebfleetSecrets.safeParse(context.secrets);
  if (!secrets.success) return fail({ kind: "permanent", message: describeIssue(secrets.error, "credentials") });
  // The queue's position lives at Webfleet; the stored cursor only records the last acknowledged batch.
  const previous = ZCursor.nullable().safeParse(context.cursor ?? null);
  const previousCursor = previous.success ? previous.data : null;

  const connection: TWebfleetConnection = { settings: settings.data, secrets: secrets.data, dispatcher: context.dispatcher };
  const options = { connection, ...(retry ? { retry } : {}) };
  const session: TWebfleetSession = { ...readWebfleetSession(context.session) };
  const now = context.now.toISOString();

  // A queue collects only from its creation, so it is created on first use; "already exists" counts as success.
  if (!session.queueCreatedAt) {
    const created = await createQueueExtern(options);
    if (!created.ok) return fail(toPullError(created.error), session);
    session.queueCreatedAt = now;
  }

  const popped = await popQueueMessagesExtern(options);
  if (!popped.ok) return fail(toPullError(popped.error), session);
  const { messages, raw } = popped.value;

  if (messages.length > 0 && isStale({ fetchedAt: session.objects?.fetchedAt, now: context.now, maxAgeMs: OBJECT_REPORT_MAX_AGE_MS })) {
    const objects = await showObjectReportExtern(options);
    if (objects.ok) session.objects = { fetchedAt: now, rows: objects.value.map((row) => pick(row, OBJECT_FIELDS)) };
    else if (!degrades(objects.error)) return fail(toPullError(objects.error), session);
  }

  const wanted = orderNumbers(messages);
  const known = new Set((session.orders?.rows ?? []).map((row) => row.orderid));
  const unseen = [...wanted].some((orderno) => !known.has(orderno));
  const ordersStale = isStale({ fetchedAt: session.orders?.fetchedAt, now: context.now, maxAgeMs: OBJECT_REPORT_MAX_AGE_MS });
  const mayRefresh = isStale({ fetchedAt: session.orders?.fetchedAt, now: context.now, maxAgeMs: ORDER_REPORT_MIN_GAP_MS });
  if (wanted.size > 0 && (ordersStale || (unseen && mayRefresh))) {
    const orders = await showOrderReportExtern(options);
    if (orders.ok) session.orders = { fetchedAt: now, rows: orders.value.slice(-MAX_CACHED_ORDERS).map((row) => pick(row, ORDER_FIELDS)) };
    else if (!degrades(orders.error)) return fail(toPullError(orders.error), session);
  }

  const objects: TWebfleetObjectRow[] = session.objects?.rows ?? [];
  const orders: TWebfleetOrderRow[] = session.orders?.rows ?? [];
  const parts = messages.length === 0 ? [] : splitWebfleetPage({ messages, map: (batch) => mapWebfleetMessages({ messages: batch, unitIdFrom: settings.data.unitIdFrom, objects, orders }) });
  const last = messages.at(-1);
  const nextCursor: TWebfleetCursor | null = last ? { action: "ackQueueMessagesExtern", msgclass: 0, messageCount: messages.length, lastMsgid: last.msgid } : previousCursor;
  return {
    result: {
      ok: true,
      page: {
        messages: parts.map((part) => ({ envelope: part.envelope, recordKeys: part.recordKeys })),
        vendorPayload: { body: raw, contentType: "application/json" },
        nextCursor,
        hasMore: messages.length >= WEBFLEET_POP_CAP,
      },
      session,
    },
    records: messages,
  };
};
