// GET /api/v1/carriers-module/my-company/fleet/units — the company's units at their latest position (GeoJSON), plus units without a fix.
import { unitsGeoJsonText } from "@/lib/fleet/units-geojson-text";
import { withSession } from "@/lib/http/with-session";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ user }) =>
  new Response(await unitsGeoJsonText({ companyId: user.companyId }), { headers: { "content-type": "application/json; charset=utf-8" } }),
);
