// GET /api/v1/carriers-module/my-company/fleet/units/{unitId} — one unit: latest fix, state, connection and current plan.
import { getUnitDetail } from "@/lib/fleet/get-unit-detail";
import { withSession } from "@/lib/http/with-session";

export const dynamic = "force-dynamic";

export const GET = withSession<{ unitId: string }>(async ({ user, params }) => Response.json(await getUnitDetail({ companyId: user.companyId, unitId: params.unitId })));
