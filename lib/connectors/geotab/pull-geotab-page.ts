// One pull of MyGeotab for the poll cycle and the connection test: the LogRecord feed from the stored toVersion,
// enriched (devices and drivers cached in the session, DeviceStatusInfo, the DriverChange and ignition feeds, plan
// routes every 10 minutes) and mapped into messages the front door accepts. Nothing here stores anything: the
// caller lands the messages, then stores `nextCursor`; the session (sign-in, caches) is handed back to be sealed.
import { z } from "zod";
import type { TPullContext, TPullError, TPulledMessage } from "@/lib/connectors/pull/types";
import { sha256Hex } from "@/lib/crypto/random-token";
import { MAX_ENTRIES } from "@/lib/ingest/normalize/normalize-envelope";
import { createGeotabSession } from "./create-geotab-session";
import { fetchDeviceStatusInfos } from "./fetch-device-status-infos";
import { fetchDevices } from "./fetch-devices";
import { fetchDriverChangeFeed } from "./fetch-driver-change-feed";
import { IGNITION_DIAGNOSTIC_ID, fetchIgnitionFeed } from "./fetch-ignition-feed";
import { fetchLogRecordFeed } from "./fetch-log-record-feed";
import { fetchPlanRoutes } from "./fetch-plan-routes";
import { fetchUsers } from "./fetch-users";
import { fetchZones } from "./fetch-zones";
import type { TEnvelopePlan } from "./geotab-envelope";
import {
  ZDevice,
  ZGeotabSettings,
  ZUser,
  type TDeviceStatusInfo,
  type TDriverChange,
  type TFeedRecord,
  type TGeotabClientOptions,
  type TGeotabError,
  type TGeotabResult,
  type TGeotabSession,
  type TGeotabSettings,
  type TStatusData,
} from "./geotab-types";
import { mapGeotabPage } from "./map-geotab-page";
import { mapGeotabPlans } from "./map-geotab-plans";

/** Devices and drivers are re-read this often (names change rarely; Get Device of a large fleet is not free). */
const DIRECTORY_TTL_MS = 10 * 60_000;
/** A record of a device the cache does not know re-reads the directory, but not more often than this. */
const UNKNOWN_DEVICE_REFRESH_MS = 60_000;
/** Plan routes are re-sent this often (a changed route lands again; an unchanged one is de-duplicated). */
const PLANS_EVERY_MS = 10 * 60_000;
/** A driver or ignition state can be older than the first run's one-hour position window: look further back. */
const ENRICHMENT_LOOKBACK_MS = 24 * 3_600_000;
/** Per device, at most this many driver changes or ignition changes are carried in the cursor. */
const MAX_STATE_ENTRIES_PER_DEVICE = 16;
/** Changes this far before the page's earliest fix are kept too (late uploads of buffered fixes). */
const STATE_SLACK_MS = 3_600_000;

const ZHexVersion = z.string().regex(/^[0-9a-fA-F]{1,16}$/);

/** Per device, [dateTime, value] in time order: the driver id, or the ignition 1/0. */
const ZDeviceHistory = <T extends z.ZodType>(value: T) => z.record(z.string(), z.array(z.tuple([z.string(), value])));

/**
 * The cursor stored once a page is committed: the LogRecord toVersion, the versions of the DriverChange and
 * ignition feeds with the state they built (so the state and its versions move together), and when plans were sent.
 */
const ZGeotabCursor = z.object({
  toVersion: ZHexVersion,
  driverChanges: z.object({ toVersion: ZHexVersion, byDevice: ZDeviceHistory(z.string()) }).optional(),
  ignition: z.object({ toVersion: ZHexVersion, byDevice: ZDeviceHistory(z.number()) }).optional(),
  plansSentAtMs: z.number().optional(),
});
export type TGeotabCursor = z.infer<typeof ZGeotabCursor>;

const ZStoredSession = z.object({
  geotab: z.object({
    serverUrl: z.string().nullable(),
    apiUrl: z.string().nullable(),
    credentials: z.object({ database: z.string().min(1), userName: z.string().min(1), sessionId: z.string().min(1) }).nullable(),
    recentAuthentications: z.array(z.number()),
  }),
  /** Devices and drivers of one server and database (`key`), read at `refreshedAtMs`. */
  directory: z.object({ key: z.string(), refreshedAtMs: z.number(), devices: z.array(ZDevice), users: z.array(ZUser) }).nullable(),
});
export type TGeotabStoredSession = z.infer<typeof ZStoredSession>;

const ZGeotabSecrets = z.object({ password: z.string().min(1, "is not set").max(1_000) });

const FIELD_LABELS: Record<string, string> = { server: "Server", database: "Database", userName: "User name", unitIdFrom: "Unit id from", password: "Password" };

export type TGeotabPull = {
  messages: TPulledMessage[];
  /** The LogRecord page as MyGeotab answered it (re-serialised: the client hands over parsed JSON). */
  vendorPayload: { body: string; contentType: string };
  logRecords: TFeedRecord[];
  nextCursor: TGeotabCursor;
  hasMore: boolean;
};

export type TGeotabPullResult = { ok: true; pull: TGeotabPull; session: TGeotabStoredSession } | { ok: false; error: TPullError; session?: TGeotabStoredSession };

const toPullError = (error: TGeotabError): TPullError => ({ kind: error.kind, message: error.message, ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }) });

/** "Geotab settings: Database is not set." — the carrier sees which field to fix, never its value. */
const describeIssue = ({ scope, error, value }: { scope: string; error: z.ZodError; value: unknown }) => {
  const issue = error.issues[0]!;
  if (issue.path.length === 0) return `${scope} are not an object.`;
  const field = String(issue.path[0]);
  const given = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[field] : undefined;
  // An empty (or all-blank) text field is as unset as an absent one.
  const missing = given === undefined || given === null || (issue.code === "too_small" && typeof given === "string");
  return `${scope}: ${FIELD_LABELS[field] ?? field} ${missing ? "is not set" : issue.message.replace(/^Invalid input: /, "").toLowerCase()}.`;
};

const readSession = (value: unknown): TGeotabStoredSession => {
  const parsed = ZStoredSession.safeParse(value);
  // An unreadable or foreign session only costs a sign-in and a directory read.
  return parsed.success ? parsed.data : { geotab: createGeotabSession(), directory: null };
};

type TDeviceHistory<V> = Record<string, [string, V][]>;

/** Merges new changes into per-device histories, keeping those a fix at or after `watermarkMs` may need. */
const mergeHistory = <V>({ history, additions, watermarkMs }: { history: TDeviceHistory<V>; additions: { deviceId: string; at: string; value: V }[]; watermarkMs: number }): TDeviceHistory<V> => {
  const merged = new Map<string, [string, V][]>(Object.entries(history).map(([device, entries]) => [device, [...entries]]));
  for (const { deviceId, at, value } of additions) {
    if (Number.isNaN(Date.parse(at))) continue;
    const entries = merged.get(deviceId) ?? [];
    // A feed page fetched again after a crash repeats changes: keep each once.
    if (!entries.some(([when, was]) => when === at && was === value)) entries.push([at, value]);
    merged.set(deviceId, entries);
  }
  const out: TDeviceHistory<V> = {};
  for (const [device, entries] of merged) {
    entries.sort((a, b) => Date.parse(a[0]) - Date.parse(b[0]));
    // The latest change at or before the watermark still applies to fixes after it; older ones never do.
    const lastBefore = entries.findLastIndex(([at]) => Date.parse(at) <= watermarkMs);
    out[device] = entries.slice(Math.max(0, lastBefore, entries.length - MAX_STATE_ENTRIES_PER_DEVICE));
  }
  return out;
};

const refId = (value: string | { id: string }) => (typeof value === "string" ? value : value.id);

/** Fetches, enriches and maps one page; `mode: "test"` starts from the first-run window whatever the cursor. */
export const pullGeotabPage = async ({ context, mode }: { context: TPullContext; mode: "poll" | "test" }): Promise<TGeotabPullResult> => {
  const settingsParse = ZGeotabSettings.safeParse(context.settings ?? {});
  if (!settingsParse.success) return { ok: false, error: { kind: "permanent", message: describeIssue({ scope: "Geotab settings", error: settingsParse.error, value: context.settings }) } };
  const secretsParse = ZGeotabSecrets.safeParse(context.secrets ?? {});
  if (!secretsParse.success) return { ok: false, error: { kind: "permanent", message: describeIssue({ scope: "Geotab credentials", error: secretsParse.error, value: context.secrets }) } };
  let cursor: TGeotabCursor | null = null;
  if (mode === "poll" && context.cursor !== null && context.cursor !== undefined) {
    const cursorParse = ZGeotabCursor.safeParse(context.cursor);
    // Starting over would skip or repeat an unknown stretch of the feed: stop and say so instead.
    if (!cursorParse.success) return { ok: false, error: { kind: "permanent", message: "The stored Geotab feed position is unreadable; the connection must be reset before it can poll again." } };
    cursor = cursorParse.data;
  }
  const settings: TGeotabSettings = settingsParse.data;
  const password = secretsParse.data.password;
  const nowMs = context.now.getTime();
  const client: TGeotabClientOptions = { dispatcher: context.dispatcher, now: () => nowMs };
  const stored = readSession(context.session);
  let session: TGeotabSession = stored.geotab;
  let directory = stored.directory;
  const keep = (): TGeotabStoredSession => ({ geotab: session, directory });
  /** Runs a client call, threading the session through; an error ends the pull with the session kept. */
  const run = async <T>(call: (request: { settings: TGeotabSettings; password: string; session: TGeotabSession; client: TGeotabClientOptions }) => Promise<TGeotabResult<T>>): Promise<{ ok: true; value: T } | { ok: false; error: TPullError }> => {
    const answer = await call({ settings, password, session, client });
    session = answer.session;
    return answer.ok ? { ok: true, value: answer.value } : { ok: false, error: toPullError(answer.error) };
  };
  const directoryKey = `${settings.server.toLowerCase()}|${settings.database.toLowerCase()}|${settings.userName.toLowerCase()}`;
  const refreshDirectory = async () => {
    const devices = await run((request) => fetchDevices(request));
    if (!devices.ok) return devices;
    const users = await run((request) => fetchUsers(request));
    if (!users.ok) return users;
    directory = { key: directoryKey, refreshedAtMs: nowMs, devices: devices.value.entities, users: users.value.entities };
    return { ok: true as const };
  };
  const fail = (error: TPullError): TGeotabPullResult => ({ ok: false, error, session: keep() });

  const feed = await run((request) => fetchLogRecordFeed({ ...request, fromVersion: cursor?.toVersion ?? null }));
  if (!feed.ok) return fail(feed.error);
  const logRecords = feed.value.data;

  if (!directory || directory.key !== directoryKey || nowMs - directory.refreshedAtMs >= DIRECTORY_TTL_MS || nowMs < directory.refreshedAtMs) {
    const refreshed = await refreshDirectory();
    if (!refreshed.ok) return fail(refreshed.error);
  }
  const enrichmentStart = new Date(nowMs - ENRICHMENT_LOOKBACK_MS);
  const driverFeed = await run((request) => fetchDriverChangeFeed({ ...request, fromVersion: cursor?.driverChanges?.toVersion ?? null, fromDate: enrichmentStart }));
  if (!driverFeed.ok) return fail(driverFeed.error);
  const ignitionFeed = await run((request) => fetchIgnitionFeed({ ...request, fromVersion: cursor?.ignition?.toVersion ?? null, fromDate: enrichmentStart }));
  if (!ignitionFeed.ok) return fail(ignitionFeed.error);
  // DeviceStatusInfo describes only a device's current fix: worth a call when the feed has caught up, not in a backlog.
  let statusInfos: TDeviceStatusInfo[] = [];
  if (logRecords.length > 0 && !feed.value.full) {
    const statuses = await run((request) => fetchDeviceStatusInfos(request));
    if (!statuses.ok) return fail(statuses.error);
    statusInfos = statuses.value.entities;
  }

  let earliestMs = nowMs;
  for (const record of logRecords) {
    const atMs = typeof record.dateTime === "string" ? Date.parse(record.dateTime) : Number.NaN;
    if (atMs < earliestMs) earliestMs = atMs;
  }
  const watermarkMs = earliestMs - STATE_SLACK_MS;
  const drivers = mergeHistory({
    history: cursor?.driverChanges?.byDevice ?? {},
    additions: driverFeed.value.entities.map((change) => ({ deviceId: change.device.id, at: change.dateTime, value: refId(change.driver) })),
    watermarkMs,
  });
  const ignition = mergeHistory({
    history: cursor?.ignition?.byDevice ?? {},
    additions: ignitionFeed.value.entities.map((row) => ({ deviceId: row.device.id, at: row.dateTime, value: row.data })),
    watermarkMs,
  });
  const driverChanges: TDriverChange[] = Object.entries(drivers).flatMap(([deviceId, entries]) => entries.map(([dateTime, driver]) => ({ id: "", dateTime, device: { id: deviceId }, driver })));
  const ignitionRows: TStatusData[] = Object.entries(ignition).flatMap(([deviceId, entries]) => entries.map(([dateTime, data]) => ({ id: "", dateTime, device: { id: deviceId }, diagnostic: { id: IGNITION_DIAGNOSTIC_ID }, data })));

  const mapPage = () =>
    mapGeotabPage({ logRecords, toVersion: feed.value.toVersion, unitIdFrom: settings.unitIdFrom, devices: directory!.devices, users: directory!.users, statusInfos, driverChanges, ignition: ignitionRows });
  let mapped = mapPage();
  if (mapped.unknownDeviceIds.length > 0 && nowMs - directory!.refreshedAtMs >= UNKNOWN_DEVICE_REFRESH_MS) {
    const refreshed = await refreshDirectory();
    if (!refreshed.ok) return fail(refreshed.error);
    mapped = mapPage();
  }
  const messages: TPulledMessage[] = mapped.messages.map((message) => ({
    envelope: message.envelope,
    // A LogRecord without an id (never seen, but the id is the vendor's) is keyed by its unit and time instead.
    recordKeys: message.recordKeys.positions.map((key, index) => `LogRecord:${key ?? `${message.envelope.positions[index]?.externalUnitId}@${String(message.envelope.positions[index]?.at)}`}`),
  }));

  let plansSentAtMs = cursor?.plansSentAtMs;
  if (mode === "test" || plansSentAtMs === undefined || nowMs - plansSentAtMs >= PLANS_EVERY_MS || nowMs < plansSentAtMs) {
    const routes = await run((request) => fetchPlanRoutes(request));
    if (!routes.ok) return fail(routes.error);
    if (routes.value.entities.length > 0) {
      const zones = await run((request) => fetchZones(request));
      if (!zones.ok) return fail(zones.error);
      const plans = mapGeotabPlans({ routes: routes.value.entities, zones: zones.value.entities, devices: directory!.devices, unitIdFrom: settings.unitIdFrom });
      // Plans travel apart from positions, keyed by their content: a changed route lands again, an unchanged one is a
      // duplicate, and a re-fetched position page keeps its own key whatever the plans did meanwhile.
      const key = (plan: TEnvelopePlan) => `Route:${plan.externalPlanId}:${sha256Hex(JSON.stringify(plan))}`;
      for (let start = 0; start < plans.plans.length; start += MAX_ENTRIES.plans) {
        const slice = plans.plans.slice(start, start + MAX_ENTRIES.plans);
        messages.push({ envelope: { positions: [], plans: slice, availability: [] }, recordKeys: slice.map(key) });
      }
    }
    plansSentAtMs = nowMs;
  }

  const nextCursor: TGeotabCursor = {
    toVersion: feed.value.toVersion,
    driverChanges: { toVersion: driverFeed.value.toVersion, byDevice: drivers },
    ignition: { toVersion: ignitionFeed.value.toVersion, byDevice: ignition },
    plansSentAtMs,
  };
  return {
    ok: true,
    session: keep(),
    pull: {
      messages,
      vendorPayload: { body: JSON.stringify({ result: { data: logRecords, toVersion: feed.value.toVersion }, jsonrpc: "2.0" }), contentType: "application/json" },
      logRecords,
      nextCursor,
      // Any feed that came back full has a backlog: fetch again within the cycle.
      hasMore: feed.value.full || driverFeed.value.full || ignitionFeed.value.full,
    },
  };
};
