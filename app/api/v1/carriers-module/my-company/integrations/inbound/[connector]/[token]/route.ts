// POST /api/v1/carriers-module/my-company/integrations/inbound/{connector}/{token} — the inbound front door: verify, land once, 202.
import { handleInbound } from "@/lib/ingest/front-door/handle-inbound";

export const POST = async (request: Request, { params }: { params: Promise<{ connector: string; token: string }> }): Promise<Response> =>
  handleInbound({ request, ...(await params) });
