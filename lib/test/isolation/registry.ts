// One entry per route method and server action in the app: how to call it
// with the target company's ids, and what "scoped" means for it.
// - "not_found": another company's admin gets 404 / `not_found`.
// - "sees_nothing": another company's admin gets an answer (2xx) holding none
//   of the target's ids or names; `shows` is what the target's own admin must
//   see in the same answer, so the check cannot pass on an empty answer.
// - exempt: no company session; the reason says what covers it instead.
// Every non-exempt action and non-GET route must also answer `forbidden` to a
// member and `unauthenticated` to no session. A new export without an entry
// fails the sweep (see isolation.db.test.ts).
import { randomUUID } from "node:crypto";
import type { TTenant } from "./build-tenant";
import { formAction, routeCall, streamCall, type TProbe } from "./probes";

export type TEntry = { exempt: string } | { scoped: "not_found"; probe: TProbe } | { scoped: "sees_nothing"; probe: TProbe; shows?: (target: TTenant) => string };

const FLEET = "/api/v1/carriers-module/my-company/fleet";

export const registry: Record<string, Record<string, TEntry>> = {
  "app/(auth)/signup/actions.ts": {
    signUpAction: { exempt: "public: sign-up creates a new company and its first admin; it takes no ids (lib/companies/sign-up.db.test.ts)" },
  },
  "app/invite/[token]/actions.ts": {
    acceptInviteAction: { exempt: "public: authenticated by the one-time invite token, joins the invite's own company (lib/invites/invites.db.test.ts)" },
  },
  "app/(portal)/company/users/actions.ts": {
    inviteUserAction: { scoped: "sees_nothing", probe: formAction(() => ({ email: `invitee-${randomUUID().slice(0, 8)}@example.com`, role: "member" })) },
    revokeInviteAction: { scoped: "not_found", probe: formAction((t) => ({ inviteId: t.inviteId })) },
    changeRoleAction: { scoped: "not_found", probe: formAction((t) => ({ userId: t.member.id, role: "admin" })) },
    removeUserAction: { scoped: "not_found", probe: formAction((t) => ({ userId: t.member.id })) },
  },
  "app/(portal)/fleet/integrations/actions.ts": {
    createConnectionAction: { scoped: "sees_nothing", probe: formAction(() => ({ name: "Intruder feed", connector: "inbound-webhook" })) },
    rotateCredentialAction: { scoped: "not_found", probe: formAction((t) => ({ connectionId: t.connectionId, credential: "token", grace: "1h" })) },
    endGraceAction: { scoped: "not_found", probe: formAction((t) => ({ connectionId: t.connectionId, credential: "token" })) },
    setStatusAction: { scoped: "not_found", probe: formAction((t) => ({ connectionId: t.connectionId, status: "paused" })) },
    renameAction: { scoped: "not_found", probe: formAction((t) => ({ connectionId: t.connectionId, name: "Renamed by intruder" })) },
    deleteAction: { scoped: "not_found", probe: formAction((t) => ({ connectionId: t.connectionId, confirmName: t.connectionName })) },
    sendTestAction: { scoped: "not_found", probe: formAction((t) => ({ connectionId: t.connectionId })) },
    retryMessageAction: { scoped: "not_found", probe: formAction((t) => ({ connectionId: t.connectionId, messageId: t.failedMessageId })) },
    updateSettingsAction: { scoped: "not_found", probe: formAction((t) => ({ connectionId: t.connectionId, requireTimestamp: "on", maxFutureSeconds: "60", maxAgeSeconds: "", acceptCallbackUrl: "on", silenceThresholdMinutes: "45" })) },
  },
  "app/(portal)/fleet/integrations/callback-actions.ts": {
    addCallbackEndpointAction: { scoped: "not_found", probe: formAction((t) => ({ connectionId: t.connectionId, url: "https://intruder.example.com/hook", description: "Intruder", eventTypes: "plans.plan.created" })) },
    updateCallbackEndpointAction: { scoped: "not_found", probe: formAction((t) => ({ endpointId: t.callbackEndpointId, url: "https://intruder.example.com/hook", description: "Intruder", eventTypes: "plans.plan.created" })) },
    pauseCallbackEndpointAction: { scoped: "not_found", probe: formAction((t) => ({ endpointId: t.callbackEndpointId })) },
    // The target's endpoint is active, so "resume" is a no-op for its own admin; the scoping check is the same.
    resumeCallbackEndpointAction: { scoped: "not_found", probe: formAction((t) => ({ endpointId: t.callbackEndpointId })) },
    deleteCallbackEndpointAction: { scoped: "not_found", probe: formAction((t) => ({ endpointId: t.callbackEndpointId })) },
    rotateCallbackSecretAction: { scoped: "not_found", probe: formAction((t) => ({ endpointId: t.callbackEndpointId, overlap: "24h" })) },
    sendCallbackTestAction: { scoped: "not_found", probe: formAction((t) => ({ endpointId: t.callbackEndpointId })) },
    resendCallbackDeliveryAction: { scoped: "not_found", probe: formAction((t) => ({ deliveryId: t.callbackDeliveryId })) },
    recoverCallbackDeliveriesAction: { scoped: "not_found", probe: formAction((t) => ({ endpointId: t.callbackEndpointId, since: "2020-01-01T00:00" })) },
  },
  "app/api/auth/[...nextauth]/route.ts": {
    GET: { exempt: "next-auth: sign-in, sign-out, session and CSRF endpoints; no company data by id (lib/auth/authorize-credentials.db.test.ts)" },
    POST: { exempt: "next-auth: sign-in, sign-out, session and CSRF endpoints; no company data by id (lib/auth/authorize-credentials.db.test.ts)" },
  },
  "app/api/inngest/route.ts": {
    GET: { exempt: "inngest serve: introspection, authenticated by Inngest's signing key, no company data" },
    POST: { exempt: "inngest serve: runs functions for Inngest, requests signed with INNGEST_SIGNING_KEY (inngest/functions tests)" },
    PUT: { exempt: "inngest serve: registers the functions with Inngest, no company data" },
  },
  "app/api/health/route.ts": {
    GET: { exempt: "public: database health for load balancers, no company data (lib/db/health.db.test.ts)" },
  },
  "app/map-assets/[file]/route.ts": {
    GET: { exempt: "public: MapLibre's worker script from the installed package, no company data" },
  },
  "app/api/v1/carriers-module/my-company/integrations/inbound/[connector]/[token]/route.ts": {
    POST: { exempt: "front door: authenticated by the connection's token and signature, covered by lib/ingest/front-door/front-door.db.test.ts" },
  },
  "app/api/v1/carriers-module/my-company/fleet/units/route.ts": {
    GET: { scoped: "sees_nothing", probe: routeCall(() => ({ url: `${FLEET}/units` })), shows: (t) => t.unitId },
  },
  "app/api/v1/carriers-module/my-company/fleet/units/[unitId]/route.ts": {
    GET: { scoped: "not_found", probe: routeCall((t) => ({ url: `${FLEET}/units/${t.unitId}`, params: { unitId: t.unitId } })) },
  },
  "app/api/v1/carriers-module/my-company/fleet/units/[unitId]/track/route.ts": {
    GET: { scoped: "not_found", probe: routeCall((t) => ({ url: `${FLEET}/units/${t.unitId}/track`, params: { unitId: t.unitId } })) },
  },
  "app/api/v1/carriers-module/my-company/fleet/plans/route.ts": {
    GET: { scoped: "sees_nothing", probe: routeCall((t) => ({ url: `${FLEET}/plans?unitId=${t.unitId}` })), shows: (t) => t.externalPlanId },
  },
  "app/api/v1/carriers-module/my-company/fleet/offers/route.ts": {
    GET: { scoped: "sees_nothing", probe: routeCall(() => ({ url: `${FLEET}/offers` })), shows: (t) => t.externalOfferId },
  },
  "app/api/v1/carriers-module/my-company/fleet/stream/route.ts": {
    GET: { scoped: "sees_nothing", probe: streamCall(`${FLEET}/stream`), shows: (t) => t.unitId },
  },
};
