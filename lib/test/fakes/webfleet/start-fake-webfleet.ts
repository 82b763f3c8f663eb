// A faithful local fake of WEBFLEET.connect (reference §1, checklist §1.7) on 127.0.0.1:
// GET (or form POST) /extern dispatched on `action`, credentials in the query or a Basic
// header, per-method quotas, the acknowledged message queue, the object and order reports,
// JSON and CSV output, and Webfleet's error forms. Everything the reference leaves open
// (tags S and ?, §7.1) is a switch in `faults`, defaulting to the most likely behaviour.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WEBFLEET_ERRORS, type TWebfleetError } from "./webfleet-errors";
import { createQueueStore, MSGCLASS_FILTERS, type TQueueMessage } from "./webfleet-queues";
import { createQuotaCounter, DEFAULT_WEBFLEET_QUOTAS, type TQuotaTable } from "./webfleet-quotas";
import { csvSeparator, writeError, writeRows, type TOutputFormat, type TRow } from "./webfleet-render";
import { parseParams, readBody, readCredentials, redactParams, type TCredentials, type TParams } from "./webfleet-request";

export type TWebfleetAccount = { account: string; username: string; password: string; apikey?: string; timeZone?: string };

export type TInjectedFault = { error: TWebfleetError; action?: string; times?: number };

export type TWebfleetFaults = {
  /** §1.2 quotas: counted per (scope, action) in a sliding window, or not at all. */
  quotas: "enforced" | "off";
  /** Whose requests share a quota: open item §7.1, so switchable; §1.2 suggests keying on account and user. */
  quotaScope: "account-user" | "account" | "apikey";
  /** 8015 for a request while another of the same user is still being answered (V: python-wfconnect). */
  sessionLocking: boolean;
  /** Delay before every answer, so overlapping requests (and session locking) can be provoked. */
  latencyMs: number;
  /** Refuse every login, as after a password change on the Webfleet side. */
  badCredentials: boolean;
  /** Which credential styles are accepted (both, S); whether Basic is now mandatory is open item §7.1. */
  authStyles: { query: boolean; basic: boolean };
  /** The apikey is optional in the old docs (V); a wrong one is always refused. */
  apiKeyRequired: boolean;
  /** How a failed Basic login answers: HTTP 401 (seen by two clients, S) or the usual 200 with an error. */
  basicAuthFailure: "http-401" | "error-200";
  /** createQueueExtern on an existing queue: idempotent success (default) or an "already exists" error (?). */
  createQueueWhenExists: "succeed" | "error";
  /** Pop or ack of a queue that does not exist: an error (default) or an empty result (?). */
  missingQueue: "error" | "empty";
  /** An unpolled queue expires after this long (retention is ?); null: never. */
  queueTtlMs: number | null;
  /** At most this many messages per pop (500, S; "can be raised per account"). */
  popCap: number;
  /** The format when `outputformat` is absent: csv (S). */
  defaultOutputFormat: TOutputFormat;
  /** The codes and texts answered, so the unverified ones (?) can be changed. */
  codes: { -readonly [K in keyof typeof WEBFLEET_ERRORS]: TWebfleetError };
  /** One-shot errors (8011, 8015, 10000, 9199, 60, …) answered to the next matching requests, after authentication. */
  injected: TInjectedFault[];
};

export type TWebfleetRequest = {
  method: string;
  path: string;
  action: string | undefined;
  params: TParams;
  headers: IncomingHttpHeaders;
  auth: TCredentials["style"];
  at: number;
};

export type TFakeWebfleetOptions = {
  accounts?: TWebfleetAccount[];
  objects?: TRow[];
  orders?: TRow[];
  quotas?: Partial<TQuotaTable>;
  faults?: Partial<TWebfleetFaults>;
  /** The base clock (default Date.now); `clock.advance` adds to it. */
  now?: () => number;
};

export const DEFAULT_WEBFLEET_ACCOUNT: TWebfleetAccount = {
  account: "fake-account", username: "fake-user", password: "fake-password", apikey: "fake-apikey", timeZone: "Europe/Berlin",
};

const defaultFaults = (): TWebfleetFaults => ({
  quotas: "enforced", quotaScope: "account-user", sessionLocking: true, latencyMs: 0, badCredentials: false,
  authStyles: { query: true, basic: true }, apiKeyRequired: false, basicAuthFailure: "http-401",
  createQueueWhenExists: "succeed", missingQueue: "error", queueTtlMs: null, popCap: 500, defaultOutputFormat: "csv",
  codes: { ...WEBFLEET_ERRORS }, injected: [],
});

const redactHeaders = (headers: IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, key === "authorization" || key === "cookie" ? "[redacted]" : value]));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const matches = (filters: Record<string, string | undefined>, row: TRow) =>
  Object.entries(filters).every(([key, wanted]) => wanted === undefined || String(row[key]) === wanted);

/** Starts the fake on a free loopback port; `url` is the origin, the endpoint is `${url}/extern`. */
export const startFakeWebfleet = async (options: TFakeWebfleetOptions = {}) => {
  let offsetMs = 0;
  const baseNow = options.now ?? Date.now;
  const clock = { now: () => baseNow() + offsetMs, advance: (ms: number) => void (offsetMs += ms) };
  const faults: TWebfleetFaults = { ...defaultFaults(), ...options.faults };
  const quotaTable: TQuotaTable = { ...DEFAULT_WEBFLEET_QUOTAS, ...(options.quotas as TQuotaTable | undefined) };
  const quotas = createQuotaCounter({ now: clock.now });
  const store = createQueueStore({ now: clock.now, ttlMs: () => faults.queueTtlMs });
  const requests: TWebfleetRequest[] = [];
  const busyUsers = new Set<string>();

  // Copies, so a test that changes a password changes it in this fake only.
  const accounts = (options.accounts ?? [DEFAULT_WEBFLEET_ACCOUNT]).map((account) => ({ ...account }));
  const owner = (where: { account?: string; username?: string } = {}) => {
    const found = accounts.find((candidate) => (where.account ?? accounts[0]?.account) === candidate.account && (where.username ?? accounts[0]?.username) === candidate.username);
    if (!found) throw new Error("fake-webfleet: no such account/user");
    return found;
  };

  const state = {
    /** Valid logins; mutate to change a password mid-test. */
    accounts,
    /** Rows of showObjectReportExtern (see makeObjectReportRow). */
    objects: [...(options.objects ?? [])],
    /** Rows of showOrderReportExtern (see makeOrderReportRow). */
    orders: [...(options.orders ?? [])],
    /** The queues by (account, user, msgclass), each with pending and inflight messages. */
    queues: store.queues,
    /** As a queue collects only from its creation (§1.3), messages reach existing queues only; answers how many took them. */
    enqueue: (messages: TQueueMessage[], where?: { account?: string; username?: string }) =>
      store.enqueue({ account: owner(where).account, username: owner(where).username, messages }),
    /** Creates a queue as an earlier run of the connector would have. */
    createQueue: ({ msgclass = 0, ...where }: { msgclass?: number; account?: string; username?: string } = {}) =>
      void store.create({ account: owner(where).account, username: owner(where).username, msgclass }),
  };

  const authenticate = (credentials: TCredentials) => {
    if (faults.badCredentials || credentials.style === "none" || !faults.authStyles[credentials.style]) return undefined;
    const found = accounts.find((candidate) =>
      candidate.account === credentials.account && candidate.username === credentials.username && candidate.password === credentials.password);
    if (!found) return undefined;
    if (credentials.apikey !== undefined && found.apikey !== undefined && credentials.apikey !== found.apikey) return undefined;
    if (credentials.apikey === undefined && faults.apiKeyRequired) return undefined;
    return found;
  };

  const quotaKey = (account: TWebfleetAccount, credentials: TCredentials, action: string) => {
    const scope = { "account-user": `${account.account}/${account.username}`, account: account.account, apikey: credentials.apikey ?? "" }[faults.quotaScope];
    return `${scope}\u0000${action}`;
  };

  const takeInjected = (action: string) => {
    const fault = faults.injected.find((candidate) => candidate.action === undefined || candidate.action === action);
    if (!fault) return undefined;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) faults.injected.splice(faults.injected.indexOf(fault), 1);
    return fault.error;
  };

  type TOutcome = { rows: TRow[] | null } | { error: TWebfleetError };

  const queueAction = (action: string, params: TParams, account: TWebfleetAccount): TOutcome => {
    const msgclass = Number(params.msgclass);
    if (params.msgclass === undefined || !Number.isInteger(msgclass) || !(msgclass in MSGCLASS_FILTERS)) return { error: faults.codes.invalidParameter };
    const where = { account: account.account, username: account.username, msgclass };
    if (action === "createQueueExtern") {
      const { existed } = store.create(where);
      return existed && faults.createQueueWhenExists === "error" ? { error: faults.codes.queueExists } : { rows: null };
    }
    if (action === "deleteQueueExtern") return store.remove(where) ? { rows: null } : { error: faults.codes.queueMissing };
    if (action === "popQueueMessagesExtern") {
      const batch = store.pop({ ...where, cap: faults.popCap });
      if (batch) return { rows: batch };
      return faults.missingQueue === "error" ? { error: faults.codes.queueMissing } : { rows: [] };
    }
    if (store.ack(where) || faults.missingQueue === "empty") return { rows: null };
    return { error: faults.codes.queueMissing };
  };

  const act = (action: string, params: TParams, account: TWebfleetAccount): TOutcome => {
    switch (action) {
      case "createQueueExtern":
      case "deleteQueueExtern":
      case "popQueueMessagesExtern":
      case "ackQueueMessagesExtern":
        return queueAction(action, params, account);
      case "showObjectReportExtern": {
        const filter = params.filterstring?.toLowerCase();
        const rows = state.objects.filter((row) =>
          matches({ objectno: params.objectno, objectuid: params.objectuid, externalid: params.externalid }, row) &&
          (!filter || [row.objectno, row.objectname, row.description].some((value) => String(value ?? "").toLowerCase().includes(filter))));
        return { rows };
      }
      case "showOrderReportExtern":
        return { rows: state.orders.filter((row) => matches({ objectno: params.objectno, objectuid: params.objectuid, orderid: params.orderid, ordertype: params.ordertype }, row)) };
      default:
        return { error: faults.codes.actionNotAllowed };
    }
  };

  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/extern") return void response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    if (request.method !== "GET" && request.method !== "POST") return void response.writeHead(405, { allow: "GET, POST" }).end();
    const body = request.method === "POST" ? await readBody(request) : "";
    const params = parseParams([(request.url ?? "").split("?")[1] ?? "", body]);
    const format: TOutputFormat = params.outputformat === "json" || params.outputformat === "csv" ? params.outputformat : faults.defaultOutputFormat;
    const credentials = readCredentials({ params, authorization: request.headers.authorization });
    const action = params.action;
    requests.push({ method: request.method, path: url.pathname, action, params: redactParams(params), headers: redactHeaders(request.headers), auth: credentials.style, at: clock.now() });

    const account = authenticate(credentials);
    if (!account) {
      const status = credentials.style === "basic" && faults.basicAuthFailure === "http-401" ? 401 : 200;
      if (status === 401) response.setHeader("www-authenticate", 'Basic realm="WEBFLEET.connect"');
      return writeError({ response, error: faults.codes.invalidCredentials, format, status });
    }
    const user = `${account.account}\u0000${account.username}`;
    if (faults.sessionLocking && busyUsers.has(user)) return writeError({ response, error: faults.codes.userBusy, format });
    busyUsers.add(user);
    try {
      if (faults.latencyMs > 0) await sleep(faults.latencyMs);
      if (!action) return writeError({ response, error: faults.codes.actionNotAllowed, format });
      const injected = takeInjected(action);
      if (injected) return writeError({ response, error: injected, format });
      const quota = quotaTable[action];
      if (faults.quotas === "enforced" && quota && !quotas.take({ key: quotaKey(account, credentials, action), quota })) {
        return writeError({ response, error: faults.codes.quotaExceeded, format });
      }
      const outcome = act(action, params, account);
      if ("error" in outcome) return writeError({ response, error: outcome.error, format });
      const columns = params.columnfilter ? params.columnfilter.split(",").map((column) => column.trim()) : null;
      writeRows({ response, rows: outcome.rows, options: { format, iso8601: params.useISO8601 === "true", timeZone: account.timeZone ?? "UTC", separator: csvSeparator(params.separator), columns } });
    } finally {
      busyUsers.delete(user);
    }
  };

  const server = createServer((request, response) => {
    answer(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    /** The WEBFLEET.connect endpoint, what a connection's "Server URL" is set to. */
    endpoint: `${url}/extern`,
    state,
    faults,
    requests,
    clock,
    /** Clears the quota windows (e.g. between phases of one test). */
    resetQuotas: () => quotas.reset(),
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
};

export type TFakeWebfleet = Awaited<ReturnType<typeof startFakeWebfleet>>;
