import { describe, expect, it } from "vitest";
import { MAX_SCHEDULED_ATTEMPTS, RETRY_DELAYS_MS, scheduleNextAttempt } from "./retry-schedule";
import { parseRetryAfter } from "./parse-retry-after";

const now = new Date("2026-07-01T10:00:00.000Z");
const delayOf = (input: Partial<Parameters<typeof scheduleNextAttempt>[0]>) => {
  const at = scheduleNextAttempt({ attemptsMade: 1, now, overloaded: false, random: () => 0.5, ...input });
  return at === null ? null : at.getTime() - now.getTime();
};

describe("scheduleNextAttempt", () => {
  it("follows 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h without jitter at the midpoint, then is exhausted after the 8th attempt", () => {
    expect(MAX_SCHEDULED_ATTEMPTS).toBe(8);
    const delays = [1, 2, 3, 4, 5, 6, 7].map((attemptsMade) => delayOf({ attemptsMade }));
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(RETRY_DELAYS_MS[0]).toBe(0);
    expect(delayOf({ attemptsMade: 8 })).toBeNull();
  });

  it("jitters each delay by at most ±20 %", () => {
    expect(delayOf({ attemptsMade: 2, random: () => 0 })).toBe(240_000);
    expect(delayOf({ attemptsMade: 2, random: () => 0.999999 })).toBeCloseTo(360_000, -1);
    const seen = new Set(Array.from({ length: 50 }, () => delayOf({ attemptsMade: 3, random: Math.random })));
    expect(seen.size).toBeGreaterThan(1);
    for (const d of seen) expect(d! >= 1_440_000 && d! <= 2_160_000).toBe(true);
  });

  it("waits at least 60 s after a 429 or a timeout", () => {
    expect(delayOf({ attemptsMade: 1, overloaded: true })).toBe(60_000);
    // A longer scheduled delay is kept.
    expect(delayOf({ attemptsMade: 2, overloaded: true })).toBe(300_000);
  });

  it("honours Retry-After in seconds within [the scheduled delay, twice it]", () => {
    expect(delayOf({ attemptsMade: 2, retryAfter: "420" })).toBe(420_000);
    expect(delayOf({ attemptsMade: 2, retryAfter: "3600" })).toBe(600_000);
    expect(delayOf({ attemptsMade: 2, retryAfter: "1" })).toBe(300_000);
    // After the clamp, a 429 still waits its 60 s.
    expect(delayOf({ attemptsMade: 1, retryAfter: "7", overloaded: true })).toBe(60_000);
  });

  it("honours Retry-After as an HTTP date", () => {
    const in8Minutes = new Date(now.getTime() + 8 * 60_000).toUTCString();
    expect(delayOf({ attemptsMade: 2, retryAfter: in8Minutes })).toBe(480_000);
    expect(delayOf({ attemptsMade: 2, retryAfter: "not a date" })).toBe(300_000);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, and nothing else", () => {
    expect(parseRetryAfter({ value: "120", now })).toBe(120_000);
    expect(parseRetryAfter({ value: "Wed, 01 Jul 2026 10:01:00 GMT", now })).toBe(60_000);
    expect(parseRetryAfter({ value: "Wed, 01 Jul 2026 09:00:00 GMT", now })).toBe(0);
    expect(parseRetryAfter({ value: "1.5", now })).toBeNull();
    expect(parseRetryAfter({ value: "", now })).toBeNull();
    expect(parseRetryAfter({ value: null, now })).toBeNull();
  });
});
