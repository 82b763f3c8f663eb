import { describe, expect, it } from "vitest";
import { graceDeadline, isInGrace, ZGraceChoice } from "./grace";

const now = new Date("2026-05-01T12:00:00Z");

describe("grace", () => {
  it("computes deadlines for each choice", () => {
    expect(graceDeadline({ choice: "immediately", now })).toBeNull();
    expect(graceDeadline({ choice: "1h", now })).toEqual(new Date("2026-05-01T13:00:00Z"));
    expect(graceDeadline({ choice: "24h", now })).toEqual(new Date("2026-05-02T12:00:00Z"));
    expect(graceDeadline({ choice: "7d", now })).toEqual(new Date("2026-05-08T12:00:00Z"));
  });

  it("is valid before the deadline and not at or after it", () => {
    const expiresAt = new Date("2026-05-01T13:00:00Z");
    expect(isInGrace({ expiresAt, now })).toBe(true);
    expect(isInGrace({ expiresAt, now: expiresAt })).toBe(false);
    expect(isInGrace({ expiresAt, now: new Date("2026-05-01T13:00:01Z") })).toBe(false);
    expect(isInGrace({ expiresAt: null, now })).toBe(false);
  });

  it("accepts only the offered choices", () => {
    expect(ZGraceChoice.safeParse("24h").success).toBe(true);
    expect(ZGraceChoice.safeParse("2h").success).toBe(false);
  });
});
