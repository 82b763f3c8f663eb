// A company's whole fleet state and receipts, for "processed twice leaves
// identical state" comparisons.
import { db } from "@/lib/db/client";

export const fleetSnapshot = async (companyId: string) => ({
  units: await db.unit.findMany({ where: { companyId }, orderBy: { externalUnitId: "asc" } }),
  positions: await db.position.findMany({ where: { companyId }, orderBy: [{ unit: { externalUnitId: "asc" } }, { at: "asc" }], omit: { id: true } }),
  plans: await db.plan.findMany({ where: { companyId }, include: { legs: { orderBy: { seq: "asc" } } }, orderBy: { externalPlanId: "asc" } }),
  offers: await db.availabilityOffer.findMany({ where: { companyId }, orderBy: { sourceKey: "asc" } }),
  receipts: await db.inboundMessage.findMany({
    where: { companyId },
    select: { id: true, status: true, counts: true, acceptedTotal: true, droppedTotal: true, warningTotal: true, issues: { omit: { id: true }, orderBy: { id: "asc" } } },
    orderBy: { receivedAt: "asc" },
  }),
});
