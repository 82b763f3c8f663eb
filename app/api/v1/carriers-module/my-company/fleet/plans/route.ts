// GET /api/v1/carriers-module/my-company/fleet/plans?unitId=&status= — plans with their legs in seq order (status may repeat).
import { z } from "zod";
import { listPlans } from "@/lib/fleet/list-plans";
import { withSession } from "@/lib/http/with-session";
import { AppError } from "@/lib/errors/app-error";

export const dynamic = "force-dynamic";

const ZStatus = z.enum(["planned", "in_progress", "completed", "cancelled"]);

export const GET = withSession(async ({ user, request }) => {
  const params = new URL(request.url).searchParams;
  const statuses = z.array(ZStatus).safeParse(params.getAll("status"));
  if (!statuses.success) throw new AppError("bad_request", "status must be planned, in_progress, completed or cancelled.");
  return Response.json({ plans: await listPlans({ companyId: user.companyId, unitId: params.get("unitId") ?? undefined, statuses: statuses.data }) });
});
