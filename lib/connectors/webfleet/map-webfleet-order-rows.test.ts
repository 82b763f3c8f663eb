import { describe, expect, it } from "vitest";
import { normalizeEnvelope } from "@/lib/ingest/normalize/normalize-envelope";
import { makeObjectReportRow, makeOrderReportRow } from "@/lib/test/fakes/webfleet/webfleet-reports";
import { mapWebfleetOrderRows } from "./map-webfleet-order-rows";
import { ZWebfleetObjectReport, ZWebfleetOrderReport } from "./types";

const normalize = (envelope: unknown) => normalizeEnvelope({ envelope, messageId: "msg-1", limits: { now: new Date("2024-05-01T12:00:00Z"), maxFutureMs: 300_000, maxAgeMs: null } });

describe("mapWebfleetOrderRows", () => {
  it("turns order report rows into plans the normaliser accepts whole: destination, kind, status, state time", () => {
    const rows = ZWebfleetOrderReport.parse([
      makeOrderReportRow({ orderid: "A-1", ordertext: "12 Paletten Getränke", ordertype: 2, orderstate: 221, orderstateTime: "2024-05-01T08:00:00Z", objectno: "002", latitude: 48.1, longitude: 11.5, zip: "80331", country: "DE", city: "München" }),
      makeOrderReportRow({ orderid: "A-2", ordertype: 3, orderstate: 302, objectno: "002" }),
      makeOrderReportRow({ orderid: "A-3", ordertype: 1, orderstate: 100, objectno: "002", objectuid: "1-1-X" }),
    ]);
    const mapped = mapWebfleetOrderRows({ rows, unitIdFrom: "objectno" });
    expect(mapped.envelope.plans).toEqual([
      { externalUnitId: "002", externalPlanId: "A-1", status: "in_progress", sourceFetchedAt: "2024-05-01T08:00:00Z", legs: [{ seq: 0, kind: "pickup", place: { lat: 48.1, lng: 11.5, postalCode: "80331", country: "DE", name: "München" }, goodsDescription: "12 Paletten Getränke" }] },
      { externalUnitId: "002", externalPlanId: "A-2", status: "cancelled", sourceFetchedAt: "2024-05-01T08:00:00Z", legs: [{ seq: 0, kind: "delivery" }] },
      { externalUnitId: "002", externalPlanId: "A-3", status: "planned", sourceFetchedAt: "2024-05-01T08:00:00Z", legs: [{ seq: 0, kind: "reposition" }] },
    ]);
    expect(mapped.recordKeys).toEqual(["order:A-1@2024-05-01T08:00:00Z", "order:A-2@2024-05-01T08:00:00Z", "order:A-3@2024-05-01T08:00:00Z"]);
    expect(mapped.cursor).toBeNull();
    const normalized = normalize(mapped.envelope);
    expect(normalized.issues).toEqual([]);
    expect(normalized.plans.map((plan) => [plan.externalPlanId, plan.status, plan.legs[0]?.lat ?? null])).toEqual([["A-1", "in_progress", 48.1], ["A-2", "cancelled", null], ["A-3", "planned", null]]);
  });

  it("resolves objectuid through the object report, and a row without a unit is dropped by the normaliser as missing_field", () => {
    const objects = ZWebfleetObjectReport.parse([makeObjectReportRow({ objectno: "002", objectname: "Truck 2", objectuid: "1-1-299CF855B" })]);
    const rows = ZWebfleetOrderReport.parse([{ ...makeOrderReportRow({ orderid: "B-1", ordertype: 3, orderstate: 0, objectno: "002" }), objectuid: undefined }, { ...makeOrderReportRow({ orderid: "B-2", ordertype: 3, orderstate: 0, objectno: "" }), objectuid: "" }]);
    const mapped = mapWebfleetOrderRows({ rows, unitIdFrom: "objectuid", objects });
    expect(mapped.envelope.plans.map((plan) => plan.externalUnitId)).toEqual(["1-1-299CF855B", null]);
    expect(normalize(mapped.envelope).issues.map((issue) => [issue.index, issue.reason])).toEqual([[1, "missing_field"]]);
  });
});
