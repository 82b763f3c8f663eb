// GET /api/v1/carriers-module/my-company/fleet/offers — current capacity offers as GeoJSON (origin points), plus those without an origin.
import { offersToGeoJson } from "@/lib/fleet/geojson";
import { listOffers } from "@/lib/fleet/list-offers";
import { withSession } from "@/lib/http/with-session";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ user }) => {
  const offers = await listOffers({ companyId: user.companyId });
  return Response.json({ ...offersToGeoJson(offers), offersWithoutOrigin: offers.filter((o) => o.origin.lat === null) });
});
