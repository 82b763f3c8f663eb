// The fleet read API through its route handlers, as a signed-in user of one
// company, on data landed through the real ingestion pipeline.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { callRoute, type TTestSessionUser } from "@/lib/test/route-request";
import { GET as getUnits } from "@/app/api/v1/carriers-module/my-company/fleet/units/route";
import { GET as getUnit } from "@/app/api/v1/carriers-module/my-company/fleet/units/[unitId]/route";
import { GET as getTrack } from "@/app/api/v1/carriers-module/my-company/fleet/units/[unitId]/track/route";
import { GET as getPlans } from "@/app/api/v1/carriers-module/my-company/fleet/plans/route";
import { GET as getOffers } from "@/app/api/v1/carriers-module/my-company/fleet/offers/route";
import { db } from "@/lib/db/client";
import { sha256Hex } from "@/lib/crypto/random-token";
import { createConnection } from "@/lib/integrations/create-connection";
import { landMessage } from "@/lib/ingest/front-door/land-message";
import { processMessage } from "@/lib/ingest/process/process-message";
import { createCompany } from "@/lib/test/factories";

// next-auth's session lookup is replaced by the chosen user; everything below it is real.
const sessionUser = vi.hoisted(() => ({ current: null as TTestSessionUser | null }));
vi.mock("@/lib/auth/get-session-user", () => ({ getSessionUser: async () => sessionUser.current }));

const ingest = async ({ companyId, connectionId }: { companyId: string; connectionId: string }, envelope: object) => {
  const body = Buffer.from(JSON.stringify(envelope));
  const { messageId } = await landMessage({ companyId, connectionId, body, bodySha256: sha256Hex(body), idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun: false });
  await processMessage({ messageId, runStep: (_id, work) => work() });
};

const now = Date.now();
const iso = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
let a: Awaited<ReturnType<typeof createCompany>>;
let b: Awaited<ReturnType<typeof createCompany>>;
let trk1 = "";
let otherUnit = "";
const asUser = (c: typeof a) => {
  sessionUser.current = { id: c.admin.id, companyId: c.companyId, role: "admin", name: "Ada Admin", email: c.admin.email, companyName: "x" };
};

beforeAll(async () => {
  a = await createCompany("A");
  b = await createCompany("B");
  const ca = await createConnection({ actor: a.admin, name: "A feed", connector: "inbound-webhook" });
  const cb = await createConnection({ actor: b.admin, name: "B feed", connector: "inbound-webhook" });
  await ingest({ companyId: a.companyId, connectionId: ca.connectionId }, {
    positions: [
      { externalUnitId: "TRK-1", at: iso(-5), lat: 48.1, lng: 11.5, speedKmh: 50, headingDeg: 90, isMoving: true, driverName: "Max" },
      { externalUnitId: "TRK-1", at: iso(-60 * 13), lat: 47.0, lng: 10.0 },
      { externalUnitId: "TRK-1", at: iso(-60), lat: 48.0, lng: 11.4 },
    ],
    plans: [{ externalUnitId: "TRK-1", externalPlanId: "TOUR-42", status: "in_progress", legs: [{ seq: 2, kind: "rest" }, { seq: 0, kind: "pickup", place: { lat: 48.1, lng: 11.5, name: "Muenchen", postalCode: "80331", country: "DE" } }, { seq: 1, kind: "delivery" }] }],
    availability: [{ externalOfferId: "OFFER-7", availableFrom: iso(60), availableTo: iso(600), origin: { lat: 50.1, lng: 8.6, radiusKm: 50 }, capacityKg: 24000 }],
  });
  // A late fix, after the newer one was processed: history only.
  await ingest({ companyId: a.companyId, connectionId: ca.connectionId }, { positions: [{ externalUnitId: "TRK-1", at: iso(-10), lat: 40, lng: 5 }] });
  await ingest({ companyId: b.companyId, connectionId: cb.connectionId }, { positions: [{ externalUnitId: "B-1", at: iso(-1), lat: 52, lng: 13 }], availability: [{ externalOfferId: "B-OFFER", availableFrom: iso(60), origin: { lat: 52, lng: 13 } }] });
  trk1 = (await db.unit.findFirstOrThrow({ where: { companyId: a.companyId, externalUnitId: "TRK-1" } })).id;
  otherUnit = (await db.unit.findFirstOrThrow({ where: { companyId: b.companyId, externalUnitId: "B-1" } })).id;
});

describe("fleet read API", () => {
  it("lists the company's units at their latest position, a late fix notwithstanding", async () => {
    asUser(a);
    const { status, json } = await callRoute(getUnits, { url: "/units", params: {} });
    expect(status).toBe(200);
    const features = json.features as { id: string; geometry: { coordinates: number[] }; properties: { externalUnitId: string; state: string; at: string; speedKmh: number } }[];
    expect(features.map((f) => f.properties.externalUnitId)).toEqual(["TRK-1"]);
    expect(features[0]).toMatchObject({ id: trk1, geometry: { coordinates: [11.5, 48.1] }, properties: { state: "moving", at: iso(-5), speedKmh: 50, headingDeg: 90, isMoving: true, driverName: "Max" } });
  });

  it("returns one unit with its connection and current plan, legs in seq order", async () => {
    asUser(a);
    const { status, json } = await callRoute(getUnit, { url: `/units/${trk1}`, params: { unitId: trk1 } });
    expect(status).toBe(200);
    expect(json).toMatchObject({ externalUnitId: "TRK-1", driverName: "Max", connectionName: "A feed", currentPlan: { externalPlanId: "TOUR-42", status: "in_progress" } });
    expect((json.currentPlan as { legs: { seq: number; kind: string }[] }).legs.map((l) => [l.seq, l.kind])).toEqual([[0, "pickup"], [1, "delivery"], [2, "rest"]]);
  });

  it("filters a track by time range, oldest first (default: the last 12 hours)", async () => {
    asUser(a);
    const lastTwelve = await callRoute(getTrack, { url: `/units/${trk1}/track`, params: { unitId: trk1 } });
    expect((lastTwelve.json.properties as { points: { at: string }[] }).points.map((p) => p.at)).toEqual([iso(-60), iso(-10), iso(-5)]);
    const range = await callRoute(getTrack, { url: `/units/${trk1}/track?from=${encodeURIComponent(iso(-61))}&to=${encodeURIComponent(iso(-9))}`, params: { unitId: trk1 } });
    expect((range.json.geometry as { coordinates: number[][] }).coordinates).toEqual([[11.4, 48.0], [5, 40]]);
    const bad = await callRoute(getTrack, { url: `/units/${trk1}/track?from=yesterday`, params: { unitId: trk1 } });
    expect(bad).toMatchObject({ status: 400, json: { error: { code: "bad_request" } } });
  });

  it("lists plans by unit and status, and offers", async () => {
    asUser(a);
    const plans = await callRoute(getPlans, { url: `/plans?unitId=${trk1}&status=in_progress`, params: {} });
    expect((plans.json.plans as { externalPlanId: string }[]).map((p) => p.externalPlanId)).toEqual(["TOUR-42"]);
    const none = await callRoute(getPlans, { url: "/plans?status=completed", params: {} });
    expect(none.json.plans).toEqual([]);
    expect((await callRoute(getPlans, { url: "/plans?status=lost", params: {} })).status).toBe(400);
    const offers = await callRoute(getOffers, { url: "/offers", params: {} });
    expect((offers.json.features as { properties: { externalOfferId: string; radiusKm: number } }[]).map((f) => f.properties)).toMatchObject([{ externalOfferId: "OFFER-7", radiusKm: 50 }]);
  });

  it("scopes every route to the signed-in company: another company's ids answer 404", async () => {
    asUser(a);
    expect((await callRoute(getUnit, { url: `/units/${otherUnit}`, params: { unitId: otherUnit } })).status).toBe(404);
    expect((await callRoute(getTrack, { url: `/units/${otherUnit}/track`, params: { unitId: otherUnit } })).status).toBe(404);
    expect((await callRoute(getPlans, { url: `/plans?unitId=${otherUnit}`, params: {} })).json.plans).toEqual([]);
    asUser(b);
    const units = await callRoute(getUnits, { url: "/units", params: {} });
    expect((units.json.features as { properties: { externalUnitId: string } }[]).map((f) => f.properties.externalUnitId)).toEqual(["B-1"]);
    const offers = await callRoute(getOffers, { url: "/offers", params: {} });
    expect((offers.json.features as { properties: { externalOfferId: string } }[]).map((f) => f.properties.externalOfferId)).toEqual(["B-OFFER"]);
    expect((await callRoute(getUnit, { url: `/units/${trk1}`, params: { unitId: trk1 } })).status).toBe(404);
  });

  it("answers 401 without a session", async () => {
    sessionUser.current = null;
    expect(await callRoute(getUnits, { url: "/units", params: {} })).toMatchObject({ status: 401, json: { error: { code: "unauthenticated" } } });
  });
});
