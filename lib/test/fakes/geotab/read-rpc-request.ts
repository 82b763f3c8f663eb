// Reads a JSON-RPC call from an HTTP request the ways MyGeotab accepts one (§2.1): a POST with a JSON body or a
// form field `JSON-RPC`, or a GET with `?JSON-RPC=` or `/apiv1/<Method>?<param>=<json>`.
import { z } from "zod";
import { GeotabException } from "./geotab-exception";
import type { TRpcCall } from "./handle-rpc-call";

const ZEnvelope = z.object({ method: z.string().min(1), params: z.record(z.string(), z.unknown()).default({}), id: z.unknown().optional() }).loose();

const unreadable = (why: string) => new GeotabException("JsonSerializerException", `The request could not be read: ${why}`, -32700);

const parseEnvelope = (text: string): TRpcCall => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw unreadable("malformed JSON");
  }
  const parsed = ZEnvelope.safeParse(json);
  if (!parsed.success) throw unreadable("expected {\"method\", \"params\"}");
  return { method: parsed.data.method, params: parsed.data.params };
};

const jsonOrText = (value: string): unknown => {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

/** The call in the request, or null when the path is not the API's (a 404). */
export const readRpcRequest = ({ httpMethod, url, contentType, body }: { httpMethod: string; url: URL; contentType: string; body: string }): TRpcCall | null => {
  const match = /^\/apiv1(?:\/([A-Za-z]+))?\/?$/.exec(url.pathname);
  if (!match) return null;
  const pathMethod = match[1];
  if (httpMethod === "GET") {
    const wrapped = url.searchParams.get("JSON-RPC");
    if (wrapped !== null) return parseEnvelope(wrapped);
    if (!pathMethod) throw unreadable("no method");
    return { method: pathMethod, params: Object.fromEntries([...url.searchParams].map(([key, value]) => [key, jsonOrText(value)])) };
  }
  if (pathMethod) return null;
  if (contentType.startsWith("application/x-www-form-urlencoded")) {
    const wrapped = new URLSearchParams(body).get("JSON-RPC");
    if (wrapped === null) throw unreadable("no JSON-RPC form field");
    return parseEnvelope(wrapped);
  }
  return parseEnvelope(body);
};
