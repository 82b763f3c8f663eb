import { describe, expect, it } from "vitest";
import { takeRoundRobin } from "./take-round-robin";

describe("takeRoundRobin", () => {
  it("serves a company with one waiting message in the next batch, however long another's backlog", () => {
    const byKey = new Map<string, string[]>([["big", Array.from({ length: 1_000 }, (_, i) => `big-${i}`)]]);
    byKey.set("small", ["small-0"]);
    const batch = takeRoundRobin({ byKey, max: 50 });
    expect(batch).toHaveLength(50);
    expect(batch.slice(0, 2)).toEqual(["big-0", "small-0"]);
    expect(byKey.get("big")).toHaveLength(951);
    expect(byKey.has("small")).toBe(false);
  });

  it("keeps each company's own order and rotates who goes first", () => {
    const byKey = new Map<string, number[]>([["a", [1, 2, 3]], ["b", [10, 20]], ["c", [100]]]);
    expect(takeRoundRobin({ byKey, max: 2 })).toEqual([1, 10]);
    // "c" was not served yet and now comes first; a and b follow in the order they were served.
    expect(takeRoundRobin({ byKey, max: 3 })).toEqual([100, 2, 20]);
    expect(takeRoundRobin({ byKey, max: 10 })).toEqual([3]);
    expect(byKey.size).toBe(0);
  });
});
