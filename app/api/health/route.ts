// GET /api/health — 200 with database and processing status (processing may be "degraded"), 503 when the database does not answer.
import { getDatabaseHealth } from "@/lib/db/get-database-health";
import { healthResponse } from "@/lib/db/health-response";

export const dynamic = "force-dynamic";

export const GET = async (): Promise<Response> => healthResponse(await getDatabaseHealth());
