// The offline basemap: Natural Earth country outlines (world-atlas) drawn as
// MapLibre layers, so the map works with no network. A vector tile style URL
// (NEXT_PUBLIC_MAP_STYLE_URL) replaces it where the network allows.
import type { StyleSpecification } from "maplibre-gl";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countries from "world-atlas/countries-110m.json";

export const ATTRIBUTION = "Country outlines: Natural Earth (public domain), via world-atlas";

/** A style with sea, land and borders, and nothing fetched from the network. */
export const offlineStyle = (): StyleSpecification => {
  const topology = countries as unknown as Topology<{ countries: GeometryCollection }>;
  return {
    version: 8,
    sources: { countries: { type: "geojson", data: feature(topology, topology.objects.countries), attribution: ATTRIBUTION } },
    layers: [
      { id: "sea", type: "background", paint: { "background-color": "#dbeafe" } },
      { id: "land", type: "fill", source: "countries", paint: { "fill-color": "#f8fafc" } },
      { id: "borders", type: "line", source: "countries", paint: { "line-color": "#94a3b8", "line-width": 0.7 } },
    ],
  };
};
