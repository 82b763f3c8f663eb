// Everything stored for one company, read back from the database, so a case
// can prove that a refused call changed nothing of it.
import { db } from "@/lib/db/client";

// JSON cannot hold bigint ids or bytea bodies as they come from Prisma.
const plain = (_key: string, value: unknown) =>
  typeof value === "bigint" ? `${value}n` : value instanceof Uint8Array ? Buffer.from(value).toString("base64") : value;

/** The company's rows in every tenant table, in a stable order, as plain JSON values. */
export const tenantSnapshot = async (companyId: string): Promise<unknown> => {
  const connections = await db.connection.findMany({ where: { companyId }, orderBy: { id: "asc" } });
  const connectionIds = connections.map((c) => c.id);
  const rows = {
    company: await db.company.findUnique({ where: { id: companyId } }),
    users: await db.user.findMany({ where: { companyId }, orderBy: { id: "asc" } }),
    invites: await db.invite.findMany({ where: { companyId }, orderBy: { id: "asc" } }),
    connections,
    audit: await db.connectionAuditEvent.findMany({ where: { OR: [{ companyId }, { connectionId: { in: connectionIds } }] }, orderBy: { id: "asc" } }),
    messages: await db.inboundMessage.findMany({ where: { OR: [{ companyId }, { connectionId: { in: connectionIds } }] }, include: { issues: { orderBy: { id: "asc" } } }, orderBy: { id: "asc" } }),
    dedupe: await db.inboundDedupe.findMany({ where: { connectionId: { in: connectionIds } }, orderBy: [{ connectionId: "asc" }, { dedupeKey: "asc" }] }),
    units: await db.unit.findMany({ where: { companyId }, orderBy: { id: "asc" } }),
    positions: await db.position.findMany({ where: { companyId }, orderBy: { id: "asc" } }),
    plans: await db.plan.findMany({ where: { companyId }, include: { legs: { orderBy: { seq: "asc" } } }, orderBy: { id: "asc" } }),
    offers: await db.availabilityOffer.findMany({ where: { companyId }, orderBy: { id: "asc" } }),
    callbackEndpoints: await db.callbackEndpoint.findMany({ where: { OR: [{ companyId }, { connectionId: { in: connectionIds } }] }, orderBy: { id: "asc" } }),
    callbackEvents: await db.callbackEvent.findMany({ where: { OR: [{ companyId }, { connectionId: { in: connectionIds } }] }, orderBy: { id: "asc" } }),
    callbackDeliveries: await db.callbackDelivery.findMany({ where: { OR: [{ companyId }, { connectionId: { in: connectionIds } }] }, include: { attemptsLog: { orderBy: { id: "asc" } } }, orderBy: { id: "asc" } }),
  };
  return JSON.parse(JSON.stringify(rows, plain));
};
