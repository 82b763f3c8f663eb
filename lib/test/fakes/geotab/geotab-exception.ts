// A MyGeotab server-side exception, and the JSON-RPC error body it becomes (connector-protocols.md §2.1–2.2).
import { randomUUID } from "node:crypto";

export type TGeotabExceptionType =
  | "InvalidUserException"
  | "OverLimitException"
  | "DbUnavailableException"
  | "MissingMethodException"
  | "ArgumentException"
  | "JsonSerializerException";

/**
 * Which error fields the fake emits. `both` is what the live server sends (mg-api-js reads `data.type`,
 * mygeotab-python reads only `errors[0].name`, and both work against it); the others isolate one reader.
 */
export type TErrorShape = "both" | "jsonrpc" | "legacy";

export class GeotabException extends Error {
  constructor(
    readonly type: TGeotabExceptionType,
    message: string,
    /** -32000 for server exceptions, -32601 for an unknown method, -32700 for an unreadable request (JSON-RPC 2.0). */
    readonly code = -32000,
    /** Seconds for the `Retry-After` header (OverLimitException, §2.3). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** The failing call's index in an ExecuteMultiCall (unreached calls are not run, §2.4). */
  requestIndex = 0;
}

/** The JSON-RPC response body for an exception. */
export const renderErrorBody = ({ exception, shape }: { exception: GeotabException; shape: TErrorShape }) => {
  const { type, message, code, requestIndex } = exception;
  const modern = { code, message, data: { id: randomUUID(), type, requestIndex } };
  const legacy = { name: "JSONRPCError", message, errors: [{ name: type, message }] };
  const error = shape === "jsonrpc" ? modern : shape === "legacy" ? legacy : { ...modern, ...legacy };
  return { error, jsonrpc: "2.0" };
};
