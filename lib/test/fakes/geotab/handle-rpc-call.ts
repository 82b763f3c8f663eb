// Runs one JSON-RPC call (or an ExecuteMultiCall of them) against the fake's state: injected faults first,
// then credentials, then rate limits, then the method (§2.2–2.5).
import { z, type ZodType } from "zod";
import { authenticate, checkCredentials, extendSession, ZAuthenticateParams } from "./geotab-sessions";
import type { createRateLimiter } from "./create-rate-limiter";
import type { TGeotabFaults, TGeotabState, TInjectedFault } from "./fake-geotab-state";
import { GeotabException } from "./geotab-exception";
import { getEntities, ZGetParams } from "./get-entities";
import { getFeedPage, ZGetFeedParams } from "./get-feed-page";

export type TRpcCall = { method: string; params: Record<string, unknown> };

export type TRpcContext = {
  state: TGeotabState;
  faults: TGeotabFaults;
  limiter: ReturnType<typeof createRateLimiter>;
  now: () => number;
  sessionTtlMs: number;
  maxFeedResults: number;
  maxGetResults: number;
  feedRecordsCarryVersion: boolean;
  statusDataFeedFiltersByDiagnostic: boolean;
  serverVersion: string;
};

const ZMultiCallParams = z.object({ calls: z.array(z.object({ method: z.string(), params: z.record(z.string(), z.unknown()).default({}) })) }).loose();

const parseParams = <T>(schema: ZodType<T>, params: unknown): T => {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new GeotabException("ArgumentException", `Invalid parameters: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
};

/** Consumes one firing of `fault` if it matches the call; clears it when spent. */
const fires = <T extends TInjectedFault>({ faults, key, call }: { faults: TGeotabFaults; key: "overLimit" | "dbUnavailable" | "invalidUser"; call: TRpcCall }): T | null => {
  const fault = faults[key] as T | null;
  if (!fault || fault.times <= 0) return null;
  if (fault.method !== undefined && fault.method !== call.method) return null;
  if (fault.typeName !== undefined && fault.typeName !== call.params.typeName) return null;
  fault.times -= 1;
  if (fault.times <= 0) faults[key] = null;
  return fault;
};

const throwInjected = ({ faults, call }: { faults: TGeotabFaults; call: TRpcCall }) => {
  const overLimit = fires<TInjectedFault & { retryAfterSeconds: number }>({ faults, key: "overLimit", call });
  if (overLimit) throw new GeotabException("OverLimitException", "API calls quota exceeded. Maximum admitted 1 per 1s.", -32000, overLimit.retryAfterSeconds);
  const unavailable = fires<TInjectedFault & { message?: string }>({ faults, key: "dbUnavailable", call });
  if (unavailable) throw new GeotabException("DbUnavailableException", unavailable.message ?? "The database is temporarily unavailable (connection failure or data change).");
  if (fires({ faults, key: "invalidUser", call })) throw new GeotabException("InvalidUserException", "Incorrect login credentials");
};

/** Runs `call`; returns its result and the rate-limit headers of the rule that applied. */
export const handleRpcCall = ({ context, call }: { context: TRpcContext; call: TRpcCall }): { result: unknown; headers: Record<string, string> } => {
  throwInjected({ faults: context.faults, call });
  const { params } = call;
  switch (call.method) {
    case "GetVersion":
      return { result: context.serverVersion, headers: {} };
    case "Authenticate":
      return { result: authenticate({ context, params: parseParams(ZAuthenticateParams, params) }), headers: {} };
    case "ExtendSession":
      return { result: extendSession({ context, credentials: params.credentials }), headers: {} };
    case "ExecuteMultiCall":
      return runMultiCall({ context, params });
    case "Get":
    case "GetCountOf":
    case "GetFeed": {
      const user = checkCredentials({ context, credentials: params.credentials });
      const typeName = typeof params.typeName === "string" ? params.typeName : undefined;
      const headers = context.limiter.take({ method: call.method, typeName, ...user });
      const { state } = context;
      if (call.method === "GetFeed") {
        const options = { maxResults: context.maxFeedResults, recordsCarryVersion: context.feedRecordsCarryVersion, statusDataFiltersByDiagnostic: context.statusDataFeedFiltersByDiagnostic };
        return { result: getFeedPage({ entities: state.entities, params: parseParams(ZGetFeedParams, params), options }), headers };
      }
      const countOnly = call.method === "GetCountOf";
      return { result: getEntities({ entities: state.entities, params: parseParams(ZGetParams, params), maxResults: context.maxGetResults, countOnly }), headers };
    }
    default:
      throw new GeotabException("MissingMethodException", `The method '${call.method}' could not be found. Verify the method name and ensure all method parameters are included.`, -32601);
  }
};

/** Calls run in order with the outer credentials; the first failure stops the rest and reports its index (§2.4). */
const runMultiCall = ({ context, params }: { context: TRpcContext; params: Record<string, unknown> }) => {
  const { calls } = parseParams(ZMultiCallParams, params);
  const results: unknown[] = [];
  let headers: Record<string, string> = {};
  for (const [index, inner] of calls.entries()) {
    if (inner.method === "ExecuteMultiCall") throw Object.assign(new GeotabException("ArgumentException", "ExecuteMultiCall cannot be nested."), { requestIndex: index });
    try {
      const answer = handleRpcCall({ context, call: { method: inner.method, params: { credentials: params.credentials, ...inner.params } } });
      results.push(answer.result);
      if (Object.keys(answer.headers).length > 0) headers = answer.headers;
    } catch (error) {
      if (error instanceof GeotabException) error.requestIndex = index;
      throw error;
    }
  }
  return { result: results, headers };
};
