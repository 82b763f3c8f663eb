// GET /api/v1/carriers-module/my-company/fleet/stream — Server-Sent Events: units that moved, coalesced to one update a second.
import { fleetEventStream } from "@/lib/fleet/live/fleet-event-stream";
import { withSession } from "@/lib/http/with-session";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ user, request }) =>
  new Response(fleetEventStream({ companyId: user.companyId, signal: request.signal }), {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
  }),
);
