"use client";

import type { TUnitState } from "@/lib/fleet/unit-state";
import { ALL_STATES, STATE_STYLE } from "./unit-states";

type TProps = { search: string; onSearch: (value: string) => void; states: Set<TUnitState>; onToggleState: (state: TUnitState) => void; shown: number; total: number };

/** Search and state filters above the unit list. */
export const UnitFilters = ({ search, onSearch, states, onToggleState, shown, total }: TProps) => (
  <div className="space-y-2 border-b border-slate-200 p-3">
    <label className="block text-sm font-medium" htmlFor="unit-search">Search units</label>
    <input id="unit-search" type="search" value={search} onChange={(e) => onSearch(e.target.value)} placeholder="Unit id or driver" className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm" />
    <fieldset>
      <legend className="text-sm font-medium">Show</legend>
      {ALL_STATES.map((state) => (
        <label key={state} className="mr-3 inline-flex items-center gap-1 text-xs">
          <input type="checkbox" checked={states.has(state)} onChange={() => onToggleState(state)} />
          <span aria-hidden="true" className="h-2.5 w-2.5 rounded-full" style={{ background: STATE_STYLE[state].color }} />
          {STATE_STYLE[state].label}
        </label>
      ))}
    </fieldset>
    <p className="text-xs text-slate-600">{shown} of {total} units</p>
  </div>
);
