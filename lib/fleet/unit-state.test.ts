import { describe, expect, it } from "vitest";
import { unitState } from "./unit-state";

const now = new Date("2026-07-01T12:00:00Z");
const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
const state = (o: Partial<Parameters<typeof unitState>[0]>) => unitState({ latestAt: at(1), isMoving: null, ignitionOn: null, speedKmh: null, now, ...o });

describe("unitState", () => {
  it("tells moving, idling and parked apart", () => {
    expect(state({ isMoving: true })).toBe("moving");
    expect(state({ isMoving: null, speedKmh: 40 })).toBe("moving");
    expect(state({ isMoving: false, ignitionOn: true })).toBe("idling");
    expect(state({ isMoving: false, ignitionOn: false })).toBe("parked");
  });
  it("is stale after 30 minutes without a fix (configurable), and no_fix without one", () => {
    expect(state({ latestAt: at(31), isMoving: true })).toBe("stale");
    expect(state({ latestAt: at(31), isMoving: true, staleAfterMs: 60 * 60_000 })).toBe("moving");
    expect(state({ latestAt: null })).toBe("no_fix");
  });
});
