// Field readers shared by the sections. Each either returns a clean value or
// throws EntryRejected with the exact reason and the field's path. The rule:
// every value that passes here is one its database column accepts (text
// without NUL and within its cap, integers within int4, real calendar times
// within PostgreSQL's range), so one bad value can never fail a statement.
import { parseIsoTimestamp } from "./parse-iso-timestamp";
import { EntryRejected } from "./types";

export const MAX_ID_LENGTH = 128;
const MAX_TEXT_LENGTH = 500;
export const MAX_INT4 = 2_147_483_647;
// NUL is refused by PostgreSQL's text type; a lone surrogate is not Unicode and would be stored altered.
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Refuses text PostgreSQL cannot store as sent. */
const assertStorableText = (value: string, path: string): void => {
  if (UNSTORABLE_TEXT.test(value)) throw new EntryRejected("invalid_value", `${path} contains a NUL character or invalid Unicode`);
};

export type TRecord = Record<string, unknown>;

export const isRecord = (value: unknown): value is TRecord => typeof value === "object" && value !== null && !Array.isArray(value);

const present = (value: unknown) => value !== undefined && value !== null;

/** A required non-empty identifier of at most 128 characters. */
export const requiredId = (entry: TRecord, key: string, path = key): string => {
  const value = entry[key];
  if (!present(value) || value === "") throw new EntryRejected("missing_field", `${path} is required`);
  if (typeof value !== "string") throw new EntryRejected("invalid_type", `${path} must be a string`);
  if (value.trim() === "") throw new EntryRejected("missing_field", `${path} is empty`);
  if (value.length > MAX_ID_LENGTH) throw new EntryRejected("too_long", `${path} is longer than ${MAX_ID_LENGTH} characters`);
  assertStorableText(value, path);
  return value;
};

/** An optional identifier; null when absent. */
export const optionalId = (entry: TRecord, key: string, path = key): string | null => (present(entry[key]) && entry[key] !== "" ? requiredId(entry, key, path) : null);

/** An optional free-text field; null when absent. */
export const optionalText = (entry: TRecord, key: string, path = key): string | null => {
  const value = entry[key];
  if (!present(value)) return null;
  if (typeof value !== "string") throw new EntryRejected("invalid_type", `${path} must be a string`);
  if (value.length > MAX_TEXT_LENGTH) throw new EntryRejected("too_long", `${path} is longer than ${MAX_TEXT_LENGTH} characters`);
  assertStorableText(value, path);
  return value;
};

/** A required ISO 8601 timestamp with a time zone. */
export const requiredTimestamp = (entry: TRecord, key: string, path = key): Date => {
  const value = entry[key];
  if (!present(value) || value === "") throw new EntryRejected("missing_field", `${path} is required`);
  if (typeof value !== "string") throw new EntryRejected("invalid_type", `${path} must be an ISO 8601 string`);
  const time = parseIsoTimestamp(value);
  if (time === null) throw new EntryRejected("invalid_timestamp", `${path} must be a real ISO 8601 date and time with a time zone, e.g. 2026-07-01T10:00:00Z`);
  return time;
};

/** An optional timestamp; null when absent. */
export const optionalTimestamp = (entry: TRecord, key: string, path = key): Date | null => (present(entry[key]) ? requiredTimestamp(entry, key, path) : null);

/** A finite number within [min, max]; null when absent and not required. */
export const numberIn = (entry: TRecord, key: string, { min, max, required = false, path = key }: { min: number; max: number; required?: boolean; path?: string }): number | null => {
  const value = entry[key];
  if (!present(value)) {
    if (required) throw new EntryRejected("missing_field", `${path} is required`);
    return null;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) throw new EntryRejected("invalid_type", `${path} must be a finite number`);
  if (value < min || value > max) throw new EntryRejected("out_of_range", `${path} must be between ${min} and ${max}`);
  return value;
};

/** A required integer within [min, max] (an int4 column unless max says less). */
export const integerIn = (entry: TRecord, key: string, { min, max = MAX_INT4, path = key }: { min: number; max?: number; path?: string }): number => {
  const value = entry[key];
  if (!present(value)) throw new EntryRejected("missing_field", `${path} is required`);
  if (typeof value !== "number" || !Number.isInteger(value)) throw new EntryRejected("invalid_type", `${path} must be an integer`);
  if (value < min || value > max) throw new EntryRejected("out_of_range", `${path} must be between ${min} and ${max}`);
  return value;
};

/** A lat/lng pair in WGS-84 range: both or neither. */
export const coordinates = (entry: TRecord, path: string, required: boolean): { lat: number | null; lng: number | null } => {
  const lat = numberIn(entry, "lat", { min: -90, max: 90, required, path: `${path}lat` });
  const lng = numberIn(entry, "lng", { min: -180, max: 180, required, path: `${path}lng` });
  if ((lat === null) !== (lng === null)) throw new EntryRejected("missing_field", `${path}${lat === null ? "lat" : "lng"} is required with ${path}${lat === null ? "lng" : "lat"}`);
  return { lat, lng };
};

/** One of the allowed values; `fallback` when absent. */
export const oneOf = <T extends string>(entry: TRecord, key: string, allowed: readonly T[], fallback: T | null, path = key): T | null => {
  const value = entry[key];
  if (!present(value)) return fallback;
  if (typeof value !== "string" || !allowed.includes(value as T)) throw new EntryRejected("invalid_value", `${path} must be one of ${allowed.join(", ")}`);
  return value as T;
};

/** An optional nested object; null when absent. */
export const optionalObject = (entry: TRecord, key: string, path = key): TRecord | null => {
  const value = entry[key];
  if (!present(value)) return null;
  if (!isRecord(value)) throw new EntryRejected("invalid_type", `${path} must be an object`);
  return value;
};
