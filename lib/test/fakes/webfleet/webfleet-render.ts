// Turns result rows and errors into Webfleet's wire forms (reference §1.1): JSON
// (a top-level array; an empty body for actions without data), CSV (header line, `;`
// unless `separator` says otherwise) and the error forms for both.
import type { ServerResponse } from "node:http";
import type { TWebfleetError } from "./webfleet-errors";

export type TRow = Record<string, unknown>;
export type TOutputFormat = "json" | "csv";
export type TRenderOptions = { format: TOutputFormat; iso8601: boolean; timeZone: string; separator: string; columns: string[] | null };

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** useISO8601=false: the account's time zone in `dd.MM.yyyy HH:mm:ss` (S: php-webfleet; the exact locale form is ?). */
const toAccountLocal = (iso: string, timeZone: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
    }).formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  );
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
};

const shapeRow = (row: TRow, options: TRenderOptions) => {
  const keys = options.columns ? Object.keys(row).filter((key) => options.columns?.includes(key)) : Object.keys(row);
  return Object.fromEntries(keys.map((key) => {
    const value = row[key];
    const dated = !options.iso8601 && typeof value === "string" && ISO_UTC.test(value) ? toAccountLocal(value, options.timeZone) : value;
    return [key, dated];
  }));
};

/** JSON.stringify that writes bigint as a bare integer, as Webfleet writes 64-bit `msgid`s (reference §1.4). */
export const stringifyWebfleetJson = (value: unknown) => {
  const marked = JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? `\u0000bigint:${item}` : item));
  return marked.replace(/"\\u0000bigint:(-?\d+)"/g, "$1");
};

const csvCell = (value: unknown, separator: string) => {
  const text = value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const toCsv = (rows: TRow[], separator: string) => {
  const first = rows[0];
  if (!first) return "";
  const header = Object.keys(first);
  const lines = [header, ...rows.map((row) => header.map((key) => row[key]))].map((cells) => cells.map((cell) => csvCell(cell, separator)).join(separator));
  return `${lines.join("\r\n")}\r\n`;
};

const contentType = (format: TOutputFormat) => (format === "json" ? "application/json;charset=UTF-8" : "text/plain;charset=UTF-8");

/** Writes result rows; `rows` null means an action without data (HTTP 200, empty body). */
export const writeRows = ({ response, rows, options }: { response: ServerResponse; rows: TRow[] | null; options: TRenderOptions }) => {
  if (rows === null) return void response.writeHead(200, { "content-length": "0" }).end();
  const shaped = rows.map((row) => shapeRow(row, options));
  const body = options.format === "json" ? stringifyWebfleetJson(shaped) : toCsv(shaped, options.separator);
  response.writeHead(200, { "content-type": contentType(options.format) }).end(body);
};

/** Writes an error in all three forms a client may read: the body (JSON object or CSV first line) and the two headers. */
export const writeError = ({ response, error, format, status = 200 }: { response: ServerResponse; error: TWebfleetError; format: TOutputFormat; status?: number }) => {
  const body = format === "json" ? JSON.stringify(error) : `${error.errorCode}, ${error.errorMsg}\r\n`;
  response.writeHead(status, {
    "content-type": contentType(format),
    "x-webfleet-errorcode": String(error.errorCode),
    "x-webfleet-errormessage": error.errorMsg,
  }).end(body);
};

/** CSV separators (S: php-webfleet): 1 tab, 2 space, 3 comma, default `;`. */
export const csvSeparator = (value: string | undefined) => ({ "1": "\t", "2": " ", "3": "," })[value ?? ""] ?? ";";
