import { describe, expect, it } from "vitest";
import { parseIsoTimestamp } from "./parse-iso-timestamp";

describe("parseIsoTimestamp", () => {
  it.each([
    ["2026-07-01T10:00:00Z", "2026-07-01T10:00:00.000Z"],
    ["2026-07-01T10:00Z", "2026-07-01T10:00:00.000Z"],
    ["2026-07-01T12:00:00+02:00", "2026-07-01T10:00:00.000Z"],
    ["2026-07-01T05:30:00-0430", "2026-07-01T10:00:00.000Z"],
    ["2026-07-01T10:00:00.123456789Z", "2026-07-01T10:00:00.123Z"],
    ["2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"],
    ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z"],
    ["0050-06-01T00:00:00Z", "0050-06-01T00:00:00.000Z"],
    ["9999-12-31T23:59:59Z", "9999-12-31T23:59:59.000Z"],
  ])("reads %s", (input, iso) => {
    expect(parseIsoTimestamp(input)?.toISOString()).toBe(iso);
  });

  it.each([
    "2026-02-30T00:00:00Z", // no such day (Date.parse says 2 March)
    "2025-02-29T00:00:00Z", // not a leap year
    "2026-04-31T00:00:00Z",
    "2026-01-01T24:00:00Z", // Date.parse says the next day
    "2026-01-01T23:60:00Z",
    "2026-01-01T23:59:60Z",
    "0000-01-01T00:00:00Z", // PostgreSQL has no year 0
    "0001-01-01T00:00:00+01:00", // before 0001-01-01 in UTC
    "9999-12-31T23:00:00-02:00", // after 9999 in UTC
    "2026-00-10T00:00:00Z",
    "2026-07-01T10:00:00", // no zone
    "2026-07-01 10:00:00Z",
    "2026-07-01T10:00:00+24:00",
    "20260701T100000Z",
    "",
  ])("refuses %s", (input) => {
    expect(parseIsoTimestamp(input)).toBeNull();
  });
});
