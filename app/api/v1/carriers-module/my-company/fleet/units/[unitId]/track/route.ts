// GET /api/v1/carriers-module/my-company/fleet/units/{unitId}/track?from=&to= — the unit's fixes in a time range (default: the last 12 hours), as GeoJSON.
import { z } from "zod";
import { getTrack } from "@/lib/fleet/get-track";
import { withSession } from "@/lib/http/with-session";
import { AppError } from "@/lib/errors/app-error";

export const dynamic = "force-dynamic";

const ZRange = z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() });

export const GET = withSession<{ unitId: string }>(async ({ user, request, params }) => {
  const query = ZRange.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new AppError("bad_request", "`from` and `to` must be ISO 8601 timestamps with a time zone.");
  const to = query.data.to ? new Date(query.data.to) : new Date();
  const from = query.data.from ? new Date(query.data.from) : new Date(to.getTime() - 12 * 3_600_000);
  const points = await getTrack({ companyId: user.companyId, unitId: params.unitId, from, to });
  return Response.json({
    type: "Feature",
    geometry: { type: "LineString", coordinates: points.map((p) => [p.lng, p.lat]) },
    properties: { unitId: params.unitId, from: from.toISOString(), to: to.toISOString(), points },
  });
});
