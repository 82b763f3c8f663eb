// GET /api/v1/carriers-module/my-company/fleet/units — the company's units at their latest position (GeoJSON), plus units without a fix.
import { unitsToGeoJson } from "@/lib/fleet/geojson";
import { listUnits } from "@/lib/fleet/list-units";
import { withSession } from "@/lib/http/with-session";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ user }) => {
  const units = await listUnits({ companyId: user.companyId });
  return Response.json({ ...unitsToGeoJson(units), unitsWithoutFix: units.filter((u) => !u.latest) });
});
