"use client";

import type { TUnitDetail } from "@/lib/fleet/get-unit-detail";
import type { TLegView } from "@/lib/fleet/types";
import { ageOf, STATE_STYLE } from "./unit-states";

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "—");
const KIND_LABEL: Record<TLegView["kind"], string> = { pickup: "Pickup", delivery: "Delivery", reposition: "Reposition", rest: "Rest" };

/** A selected unit: last fix, driver, connection and its current plan with legs in order. */
export const UnitPanel = ({ unit, onClose }: { unit: TUnitDetail; onClose: () => void }) => (
  <section aria-label={`Unit ${unit.externalUnitId}`} className="space-y-3 p-4 text-sm">
    <div className="flex items-start justify-between">
      <h2 className="text-lg font-semibold">{unit.externalUnitId}</h2>
      <button type="button" onClick={onClose} className="rounded px-2 text-slate-500 hover:bg-slate-100" aria-label="Close unit panel">✕</button>
    </div>
    <p className="flex items-center gap-2"><span aria-hidden="true" className="h-3 w-3 rounded-full" style={{ background: STATE_STYLE[unit.state].color }} />{STATE_STYLE[unit.state].label}</p>
    <dl className="grid grid-cols-[7rem_1fr] gap-1">
      <dt className="text-slate-500">Last fix</dt><dd>{unit.latest ? `${time(unit.latest.at)} (${ageOf(unit.latest.at)})` : "No position yet"}</dd>
      <dt className="text-slate-500">Speed</dt><dd data-testid="unit-speed">{unit.latest?.speedKmh != null ? `${Math.round(unit.latest.speedKmh)} km/h` : "—"}</dd>
      <dt className="text-slate-500">Heading</dt><dd>{unit.latest?.headingDeg != null ? `${Math.round(unit.latest.headingDeg)}°` : "—"}</dd>
      <dt className="text-slate-500">Driver</dt><dd>{unit.driverName ?? "—"}</dd>
      <dt className="text-slate-500">Connection</dt><dd>{unit.connectionName ?? "—"}</dd>
    </dl>
    {unit.currentPlan ? (
      <div>
        <h3 className="font-semibold">Plan {unit.currentPlan.externalPlanId} <span className="font-normal text-slate-600">({unit.currentPlan.status.replace("_", " ")})</span></h3>
        {unit.currentPlan.legs.length === 0 ? <p className="text-slate-600">No legs.</p> : (
          <ol aria-label="Legs" className="mt-2 space-y-2">
            {unit.currentPlan.legs.map((leg) => (
              <li key={leg.seq} className="rounded border border-slate-200 p-2">
                <p className="font-medium">{leg.seq + 1}. {KIND_LABEL[leg.kind]}{leg.placeName ? `: ${leg.placeName}` : ""}{leg.postalCode || leg.country ? ` (${[leg.postalCode, leg.country].filter(Boolean).join(", ")})` : ""}</p>
                <p className="text-slate-600">{time(leg.windowStart)} – {time(leg.windowEnd)}</p>
                <p className="text-slate-600">{[leg.loadState, leg.goodsDescription, leg.weightKg != null ? `${leg.weightKg.toLocaleString("en-GB")} kg` : null].filter(Boolean).join(" · ") || "—"}</p>
              </li>
            ))}
          </ol>
        )}
      </div>
    ) : <p className="text-slate-600">No plan for this unit.</p>}
  </section>
);
