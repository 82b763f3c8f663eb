// GET /api/health — 200 when the database answers, 503 when it does not.
import { getDatabaseHealth } from "@/lib/db/get-database-health";
import { healthResponse } from "@/lib/db/health-response";

export const dynamic = "force-dynamic";

export const GET = async (): Promise<Response> => healthResponse(await getDatabaseHealth());
