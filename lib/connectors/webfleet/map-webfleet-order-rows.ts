// showOrderReportExtern rows → plans: one plan per order (orderid → externalPlanId) with its one
// destination as the leg, the state as the plan status, and the state's time as sourceFetchedAt so
// an older report never rolls a newer state back.
import { indexWebfleetObjects } from "./index-webfleet-objects";
import { toWebfleetLegKind } from "./to-webfleet-leg-kind";
import { toWebfleetOrderPlace } from "./to-webfleet-order-place";
import { toWebfleetPlanStatus } from "./to-webfleet-plan-status";
import type { TEnvelopePlan, TWebfleetMappedPage, TWebfleetObjectRow, TWebfleetOrderRow, TWebfleetSettings } from "./types";

/** Maps an order report to plans; recordKeys are order id and state time (one per row), and there is no cursor to advance. */
export const mapWebfleetOrderRows = ({ rows, unitIdFrom, objects = [] }: { rows: readonly TWebfleetOrderRow[]; unitIdFrom: TWebfleetSettings["unitIdFrom"]; objects?: readonly TWebfleetObjectRow[] }): TWebfleetMappedPage => {
  const index = indexWebfleetObjects(objects);
  const plans: TEnvelopePlan[] = rows.map((row) => {
    const place = toWebfleetOrderPlace(row);
    const stateTime = typeof row.orderstate_time === "string" && row.orderstate_time !== "" ? row.orderstate_time : undefined;
    const goods = typeof row.ordertext === "string" && row.ordertext.trim() !== "" && row.ordertext !== row.orderid ? row.ordertext : undefined;
    return {
      externalUnitId: index.unitId({ record: row, unitIdFrom }),
      externalPlanId: row.orderid,
      status: toWebfleetPlanStatus(row.orderstate),
      ...(stateTime ? { sourceFetchedAt: stateTime } : {}),
      legs: [{ seq: 0, kind: toWebfleetLegKind(row.ordertype), ...(place ? { place } : {}), ...(goods ? { goodsDescription: goods } : {}) }],
    };
  });
  return {
    envelope: { positions: [], plans, availability: [] },
    recordKeys: rows.map((row) => `order:${row.orderid}@${typeof row.orderstate_time === "string" ? row.orderstate_time : ""}`),
    cursor: null,
  };
};
