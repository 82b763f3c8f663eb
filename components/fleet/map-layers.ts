// Sources and layers of the fleet map. Symbols use icons only: text labels
// would need glyphs fetched from the network.
import type { GeoJSONSource, Map as MapLibreMap } from "maplibre-gl";
import { STATE_STYLE } from "./unit-states";

const EMPTY = { type: "FeatureCollection" as const, features: [] };

const stateColor = ["match", ["get", "state"], ...Object.entries(STATE_STYLE).flatMap(([state, s]) => [state, s.color]), "#6b7280"] as unknown as string;

/** An arrow pointing up, drawn on a canvas, used as an SDF icon (recoloured per state, rotated by heading). */
const arrowIcon = () => {
  const size = 32;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = "#000";
  ctx.beginPath();
  ctx.moveTo(16, 2);
  ctx.lineTo(28, 29);
  ctx.lineTo(16, 22);
  ctx.lineTo(4, 29);
  ctx.closePath();
  ctx.fill();
  return ctx.getImageData(0, 0, size, size);
};

export const addFleetLayers = (map: MapLibreMap): void => {
  map.addImage("unit-arrow", arrowIcon(), { sdf: true });
  map.addSource("track", { type: "geojson", data: EMPTY });
  map.addSource("plan", { type: "geojson", data: EMPTY });
  map.addSource("offers", { type: "geojson", data: EMPTY });
  map.addSource("units", { type: "geojson", data: EMPTY, cluster: true, clusterMaxZoom: 9, clusterRadius: 45 });

  map.addLayer({ id: "offer-radius", type: "circle", source: "offers", layout: { visibility: "none" }, paint: { "circle-color": "#a855f7", "circle-opacity": 0.12, "circle-stroke-color": "#a855f7", "circle-stroke-width": 1, "circle-radius": ["interpolate", ["exponential", 2], ["zoom"], 0, ["max", 3, ["/", ["coalesce", ["get", "radiusKm"], 0], 78]], 20, ["*", ["coalesce", ["get", "radiusKm"], 0], 13000]] } });
  map.addLayer({ id: "offer-origin", type: "circle", source: "offers", layout: { visibility: "none" }, paint: { "circle-color": "#7e22ce", "circle-radius": 6, "circle-stroke-color": "#fff", "circle-stroke-width": 2 } });
  map.addLayer({ id: "track-line", type: "line", source: "track", paint: { "line-color": "#0f172a", "line-width": 2, "line-opacity": 0.5, "line-dasharray": [2, 1] } });
  map.addLayer({ id: "plan-route", type: "line", source: "plan", paint: { "line-color": "#1d5fd1", "line-width": 3 } });
  map.addLayer({ id: "clusters", type: "circle", source: "units", filter: ["has", "point_count"], paint: { "circle-color": "#1d5fd1", "circle-opacity": 0.85, "circle-stroke-color": "#fff", "circle-stroke-width": 2, "circle-radius": ["step", ["get", "point_count"], 14, 10, 18, 100, 24, 1000, 32] } });
  map.addLayer({
    id: "units", type: "symbol", source: "units", filter: ["!", ["has", "point_count"]],
    layout: { "icon-image": "unit-arrow", "icon-size": 0.7, "icon-rotate": ["coalesce", ["get", "headingDeg"], 0], "icon-rotation-alignment": "map", "icon-allow-overlap": true },
    paint: { "icon-color": stateColor, "icon-halo-color": "#fff", "icon-halo-width": 2 },
  });
};

/** Replaces a GeoJSON source's data. */
export const setSourceData = (map: MapLibreMap, id: string, data: unknown): void => {
  (map.getSource(id) as GeoJSONSource | undefined)?.setData(data as Parameters<GeoJSONSource["setData"]>[0]);
};
