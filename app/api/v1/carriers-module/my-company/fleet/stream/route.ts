// GET /api/v1/carriers-module/my-company/fleet/stream — Server-Sent Events: units that moved, coalesced to one update a second.
import { isSessionUserActive } from "@/lib/auth/is-session-user-active";
import { fleetEventStream } from "@/lib/fleet/live/fleet-event-stream";
import { withSession } from "@/lib/http/with-session";

export const dynamic = "force-dynamic";

export const GET = withSession(async ({ user, request }) => {
  // The stream outlives the request's session check: a removed user's stream ends at the next re-check.
  const stillAuthorized = () => isSessionUserActive({ userId: user.id, companyId: user.companyId });
  return new Response(fleetEventStream({ companyId: user.companyId, signal: request.signal, stillAuthorized }), {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
  });
});
