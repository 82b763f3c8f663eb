import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createCompany } from "@/lib/test/factories";
import { listUnits } from "./list-units";

const now = new Date("2026-07-01T12:00:00.000Z");
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

const seed = async () => {
  const { companyId } = await createCompany();
  const unit = (externalUnitId: string, latest: Partial<{ latestAt: Date; latestIsMoving: boolean | null; latestIgnitionOn: boolean | null; latestSpeedKmh: number | null; latestHeadingDeg: number | null }>) =>
    db.unit.create({ data: { companyId, externalUnitId, latestLat: latest.latestAt ? 48 : null, latestLng: latest.latestAt ? 11 : null, ...latest } });
  await unit("A-moving", { latestAt: ago(1), latestIsMoving: true, latestSpeedKmh: 50, latestHeadingDeg: 90 });
  await unit("B-moving-by-speed", { latestAt: ago(1), latestIsMoving: null, latestSpeedKmh: 40 });
  await unit("C-idling", { latestAt: ago(1), latestIsMoving: false, latestIgnitionOn: true });
  await unit("D-parked", { latestAt: ago(1), latestIsMoving: false, latestIgnitionOn: false });
  await unit("E-stale", { latestAt: ago(31), latestIsMoving: true });
  await unit("F-no-fix", {});
  return companyId;
};

describe("unit states", () => {
  it("are moving, idling, parked, stale after 30 minutes, or no fix", async () => {
    const companyId = await seed();
    const units = await listUnits({ companyId, now });
    expect(units.map((u) => [u.externalUnitId, u.state])).toEqual([
      ["A-moving", "moving"],
      ["B-moving-by-speed", "moving"],
      ["C-idling", "idling"],
      ["D-parked", "parked"],
      ["E-stale", "stale"],
      ["F-no-fix", "no_fix"],
    ]);
  });
});
