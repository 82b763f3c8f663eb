import type { TUnitState } from "@/lib/fleet/unit-state";

/** Colours and words per unit state, shared by the map, the list and the legend. */
export const STATE_STYLE: Record<TUnitState, { label: string; color: string }> = {
  moving: { label: "Moving", color: "#16a34a" },
  idling: { label: "Stopped, ignition on", color: "#d97706" },
  parked: { label: "Parked", color: "#2563eb" },
  stale: { label: "Stale (no fix for 30 min)", color: "#9ca3af" },
  no_fix: { label: "No position yet", color: "#6b7280" },
};

export const ALL_STATES = Object.keys(STATE_STYLE) as TUnitState[];

/** "3 min ago" style age of a fix. */
export const ageOf = (iso: string | null | undefined, now = Date.now()): string => {
  if (!iso) return "no fix";
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3_600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400 * 2) return `${Math.round(seconds / 3_600)} h ago`;
  return `${Math.round(seconds / 86_400)} days ago`;
};
