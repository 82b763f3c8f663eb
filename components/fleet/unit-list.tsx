"use client";

import { useState } from "react";
import type { TUnitView } from "@/lib/fleet/types";
import { ageOf, STATE_STYLE } from "./unit-states";

const ROW_HEIGHT = 60;
const OVERSCAN = 8;

type TProps = { units: TUnitView[]; selectedId: string | null; onSelect: (id: string) => void; height: number };

/** The units, virtualised: only the rows in view are in the DOM, so 10,000 units stay responsive. */
export const UnitList = ({ units, selectedId, onSelect, height }: TProps) => {
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(units.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  return (
    <div style={{ height }} className="overflow-y-auto" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <ul aria-label="Units" style={{ height: units.length * ROW_HEIGHT, position: "relative" }}>
        {units.slice(first, last).map((unit, i) => (
          <li key={unit.id} style={{ position: "absolute", top: (first + i) * ROW_HEIGHT, height: ROW_HEIGHT, left: 0, right: 0 }}>
            <button type="button" onClick={() => onSelect(unit.id)} aria-pressed={unit.id === selectedId}
              className={`flex h-full w-full items-center gap-3 border-b border-slate-100 px-3 text-left text-sm ${unit.id === selectedId ? "bg-brand-50" : "hover:bg-slate-50"}`}>
              <span aria-hidden="true" className="h-3 w-3 shrink-0 rounded-full" style={{ background: STATE_STYLE[unit.state].color }} />
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">{unit.externalUnitId}</span>
                <span className="block truncate text-xs text-slate-600">
                  {unit.driverName ?? "No driver"} · {unit.latest?.speedKmh != null ? `${Math.round(unit.latest.speedKmh)} km/h` : "— km/h"} · {ageOf(unit.latest?.at)}
                </span>
              </span>
              <span className="sr-only">{STATE_STYLE[unit.state].label}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
};
