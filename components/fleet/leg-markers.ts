// Numbered markers for the selected plan's legs. DOM markers, since a symbol
// layer's text needs glyphs from the network; a plan has only a few legs.
import type { Map as MapLibreMap, Marker } from "maplibre-gl";
import type { TLegView } from "@/lib/fleet/types";

const LOOK: Record<TLegView["kind"], { color: string; radius: string; rotate: string }> = {
  pickup: { color: "#16a34a", radius: "50%", rotate: "0deg" },
  delivery: { color: "#dc2626", radius: "3px", rotate: "0deg" },
  reposition: { color: "#6b7280", radius: "3px", rotate: "45deg" },
  rest: { color: "#d97706", radius: "50% 50% 50% 0", rotate: "-45deg" },
};

/** Replaces the markers with one per located leg, numbered in order. */
export const showLegMarkers = ({ map, markers, legs, MarkerClass }: { map: MapLibreMap; markers: Marker[]; legs: TLegView[]; MarkerClass: typeof Marker }): Marker[] => {
  markers.forEach((m) => m.remove());
  return legs
    .filter((leg) => leg.lat !== null && leg.lng !== null)
    .map((leg) => {
      const look = LOOK[leg.kind];
      const element = document.createElement("div");
      element.setAttribute("role", "img");
      element.setAttribute("aria-label", `Leg ${leg.seq + 1}: ${leg.kind}${leg.placeName ? ` at ${leg.placeName}` : ""}`);
      element.style.cssText = `width:22px;height:22px;display:flex;align-items:center;justify-content:center;background:${look.color};border:2px solid #fff;border-radius:${look.radius};transform:rotate(${look.rotate});box-shadow:0 1px 3px rgba(0,0,0,.4)`;
      const label = document.createElement("span");
      label.textContent = String(leg.seq + 1);
      label.style.cssText = `color:#fff;font:600 11px system-ui,sans-serif;transform:rotate(${look.rotate === "0deg" ? "0deg" : look.rotate.startsWith("-") ? "45deg" : "-45deg"})`;
      element.appendChild(label);
      return new MarkerClass({ element }).setLngLat([leg.lng!, leg.lat!]).addTo(map);
    });
};
