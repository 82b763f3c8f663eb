// Reads a WEBFLEET.connect request: parameters from the query string (GET, V) or an
// x-www-form-urlencoded body (POST, S), decoded as UTF-8 only with useUTF8=true and as
// ISO-8859-1 otherwise (reference §1.1), and the credentials from the query or a Basic header.
import type { IncomingMessage } from "node:http";

export type TParams = Record<string, string>;
export type TCredentials = { style: "query" | "basic" | "none"; account?: string; username?: string; password?: string; apikey?: string };

const BODY_LIMIT = 1_000_000;

/** Percent-decodes to bytes first, so the charset decision is Webfleet's (useUTF8), not the URL parser's. */
const decodeComponent = (raw: string, encoding: "utf8" | "latin1") => {
  const bytes: number[] = [];
  const text = raw.replace(/\+/g, " ");
  for (let index = 0; index < text.length; index += 1) {
    const hex = text.slice(index + 1, index + 3);
    if (text[index] === "%" && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(text[index] ?? "", "utf8"));
    }
  }
  return Buffer.from(bytes).toString(encoding);
};

const splitPairs = (encoded: string) =>
  encoded.split("&").filter(Boolean).map((pair) => {
    const at = pair.indexOf("=");
    return at === -1 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
  });

/** Parses query and form pairs; useUTF8 (ASCII either way) is read first and decides how the rest decodes. */
export const parseParams = (encoded: string[]) => {
  const pairs = encoded.flatMap(splitPairs);
  const utf8 = pairs.some(([key, value]) => decodeComponent(key ?? "", "latin1") === "useUTF8" && decodeComponent(value ?? "", "latin1") === "true");
  const encoding = utf8 ? "utf8" : "latin1";
  const params: TParams = {};
  for (const [key, value] of pairs) params[decodeComponent(key ?? "", encoding)] = decodeComponent(value ?? "", encoding);
  return params;
};

/** Reads the raw body of a form POST (bounded: a fake should not buffer without limit either). */
export const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) return void request.destroy(new Error("body too large"));
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("latin1")));
    request.on("error", reject);
  });

/** Credentials: Basic (username:password) with account and apikey in the query, or all four in the query (reference §1.1). */
export const readCredentials = ({ params, authorization }: { params: TParams; authorization: string | undefined }): TCredentials => {
  const basic = /^Basic\s+(.+)$/i.exec(authorization ?? "");
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const username = colon === -1 ? decoded : decoded.slice(0, colon);
    const password = colon === -1 ? "" : decoded.slice(colon + 1);
    return { style: "basic", account: params.account, username, password, apikey: params.apikey };
  }
  if (params.username === undefined && params.password === undefined) return { style: "none", account: params.account, apikey: params.apikey };
  return { style: "query", account: params.account, username: params.username, password: params.password, apikey: params.apikey };
};

const SECRET_PARAMS = new Set(["password", "apikey", "sessiontoken"]);

/** The parameters as logged: secrets replaced, so test logs and failure output never show them. */
export const redactParams = (params: TParams) =>
  Object.fromEntries(Object.entries(params).map(([key, value]) => [key, SECRET_PARAMS.has(key.toLowerCase()) ? "[redacted]" : value]));
