// The retention variables of lib/env: documented defaults, and limits that keep the rules consistent.
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("retention settings", () => {
  it("default to 30 days for raw bodies and 90 for receipts", () => {
    const env = parseEnv({});
    expect(env.RETENTION_RAW_BODY_DAYS).toBe(30);
    expect(env.RETENTION_RECEIPTS_DAYS).toBe(90);
  });

  it("accept other whole numbers of days", () => {
    expect(parseEnv({ RETENTION_RAW_BODY_DAYS: "7", RETENTION_RECEIPTS_DAYS: "365" })).toMatchObject({ RETENTION_RAW_BODY_DAYS: 7, RETENTION_RECEIPTS_DAYS: 365 });
  });

  it("refuse receipts kept for less than the 7-day de-duplication window, and bad values", () => {
    expect(() => parseEnv({ RETENTION_RECEIPTS_DAYS: "6" })).toThrow(/RETENTION_RECEIPTS_DAYS: must be at least 7/);
    expect(() => parseEnv({ RETENTION_RAW_BODY_DAYS: "0" })).toThrow(/RETENTION_RAW_BODY_DAYS/);
    expect(() => parseEnv({ RETENTION_RAW_BODY_DAYS: "a month" })).toThrow(/RETENTION_RAW_BODY_DAYS/);
  });
});
