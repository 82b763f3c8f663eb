import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

export type TTrackPoint = { at: string; lat: number; lng: number; speedKmh: number | null; headingDeg: number | null };

const MAX_POINTS = 10_000;

/** A unit's fixes in [from, to], oldest first (index range scan on positions(unit_id, at)). Another company's unit is `not_found`. */
export const getTrack = async ({ companyId, unitId, from, to }: { companyId: string; unitId: string; from: Date; to: Date }): Promise<TTrackPoint[]> => {
  if (from > to) throw new AppError("bad_request", "`from` must not be after `to`.");
  const unit = await db.unit.findFirst({ where: { id: unitId, companyId }, select: { id: true } });
  if (!unit) throw new AppError("not_found", "This unit does not exist.");
  const rows = await db.position.findMany({
    where: { unitId, at: { gte: from, lte: to } },
    orderBy: { at: "asc" },
    take: MAX_POINTS,
    select: { at: true, lat: true, lng: true, speedKmh: true, headingDeg: true },
  });
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
};
