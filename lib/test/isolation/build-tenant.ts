// One company with something of every kind an entry point can name: an admin
// and a member, a connection with a running token and secret grace, a
// processed message (a unit with a fix, a plan, an offer), a failed message
// and a pending invite. Every name carries a random tag, so a leak of any of
// them into another company's answer can be found by plain text search.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { sha256Hex } from "@/lib/crypto/random-token";
import { landMessage } from "@/lib/ingest/front-door/land-message";
import { processMessage } from "@/lib/ingest/process/process-message";
import { recordFailure } from "@/lib/ingest/process/record-failure";
import { createEndpoint } from "@/lib/callbacks/endpoints/create-endpoint";
import { emitEvents } from "@/lib/callbacks/events/emit-events";
import { createConnection } from "@/lib/integrations/create-connection";
import { rotateSecret } from "@/lib/integrations/rotate-secret";
import { rotateToken } from "@/lib/integrations/rotate-token";
import { createInvite } from "@/lib/invites/create-invite";
import { addUser, createCompany, uniqueEmail } from "@/lib/test/factories";

type TUser = { id: string; companyId: string; role: "admin" | "member"; email: string };

export type TTenant = {
  companyId: string;
  companyName: string;
  admin: TUser;
  member: TUser;
  connectionId: string;
  connectionName: string;
  unitId: string;
  externalUnitId: string;
  planId: string;
  externalPlanId: string;
  offerId: string;
  externalOfferId: string;
  processedMessageId: string;
  failedMessageId: string;
  inviteId: string;
  inviteEmail: string;
  /** A callback endpoint (a loopback URL: attempts are refused as blocked_address, nothing leaves the machine) with one delivery. */
  callbackEndpointId: string;
  callbackUrl: string;
  callbackDeliveryId: string;
  /** Every id and name above: none may appear in another company's answers. */
  markers: string[];
};

const land = async ({ companyId, connectionId, envelope }: { companyId: string; connectionId: string; envelope: object }) => {
  const body = Buffer.from(JSON.stringify(envelope));
  const { messageId } = await landMessage({ companyId, connectionId, body, bodySha256: sha256Hex(body), idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun: false });
  return messageId;
};

/** Builds a company through the same domain functions the pages and the front door use. */
export const buildTenant = async (label: string): Promise<TTenant> => {
  const tag = `${label}-${randomUUID().slice(0, 8)}`;
  const companyName = `Isolation ${tag}`;
  const { companyId, admin } = await createCompany(companyName);
  const member = await addUser({ admin, role: "member" });
  const connectionName = `Feed ${tag}`;
  const { connectionId } = await createConnection({ actor: admin, name: connectionName, connector: "inbound-webhook" });
  // A running grace on both credentials, so "end grace" has something to end.
  await rotateToken({ actor: admin, connectionId, grace: "24h" });
  await rotateSecret({ actor: admin, connectionId, grace: "24h" });

  const externalUnitId = `TRK-${tag}`;
  const externalPlanId = `TOUR-${tag}`;
  const externalOfferId = `OFFER-${tag}`;
  const now = Date.now();
  const iso = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
  const processedMessageId = await land({
    companyId,
    connectionId,
    envelope: {
      positions: [{ externalUnitId, at: iso(-5), lat: 48.1, lng: 11.5, speedKmh: 50, headingDeg: 90, driverName: `Driver ${tag}` }],
      plans: [{ externalUnitId, externalPlanId, status: "in_progress", legs: [{ seq: 0, kind: "pickup", place: { lat: 48.1, lng: 11.5, name: `Depot ${tag}`, country: "DE" } }] }],
      availability: [{ externalOfferId, availableFrom: iso(60), availableTo: iso(600), origin: { lat: 50.1, lng: 8.6, radiusKm: 50 }, capacityKg: 24000 }],
    },
  });
  await processMessage({ messageId: processedMessageId, runStep: (_id, work) => work() });
  const failedMessageId = await land({ companyId, connectionId, envelope: { positions: [{ externalUnitId, at: iso(-30), lat: 48, lng: 11.4 }] } });
  await recordFailure({ messageId: failedMessageId, error: new Error("failed on purpose for the isolation sweep"), final: true });

  const inviteEmail = uniqueEmail(`pending-${tag.toLowerCase()}`);
  const { inviteId } = await createInvite({ actor: admin, email: inviteEmail, role: "member" });

  const callbackUrl = `http://127.0.0.1:9/hooks/${tag}`;
  const { endpointId: callbackEndpointId } = await createEndpoint({ actor: admin, connectionId, input: { url: callbackUrl, description: `Hook ${tag}`, eventTypes: [] } });
  const emitted = await db.$transaction((tx) => emitEvents({ tx, events: [{ companyId, connectionId, eventName: "plans.plan.created", objectId: externalPlanId, occurredAt: new Date(), data: { plan: { externalPlanId } }, onlyEndpointId: callbackEndpointId }] }));
  const callbackDeliveryId = emitted.deliveryIds[0]!;

  const unit = await db.unit.findFirstOrThrow({ where: { companyId, externalUnitId } });
  const plan = await db.plan.findFirstOrThrow({ where: { companyId, externalPlanId } });
  const offer = await db.availabilityOffer.findFirstOrThrow({ where: { companyId, externalOfferId } });
  const ids = {
    companyId, companyName, connectionId, connectionName, unitId: unit.id, externalUnitId, planId: plan.id, externalPlanId,
    offerId: offer.id, externalOfferId, processedMessageId, failedMessageId, inviteId, inviteEmail,
    callbackEndpointId, callbackUrl, callbackDeliveryId,
  };
  return { ...ids, admin, member, markers: [...Object.values(ids), admin.id, admin.email, member.id, member.email, `Driver ${tag}`, `Depot ${tag}`, `Hook ${tag}`] };
};
