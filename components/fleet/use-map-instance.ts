"use client";

import { useEffect, useRef, type RefObject } from "react";
import type { GeoJSONSource, Map as MapLibreMap, MapGeoJSONFeature, Marker } from "maplibre-gl";
import { offlineStyle } from "./basemap";
import { addFleetLayers } from "./map-layers";

const offerPopupHtml = (p: Record<string, unknown>) => {
  const dest = JSON.parse(String(p.preferredDestination ?? "{}")) as { region?: string; country?: string };
  const esc = (v: unknown) => String(v ?? "—").replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const when = (v: unknown) => (v ? new Date(String(v)).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "open");
  return `<div class="text-sm"><strong>${esc(p.externalOfferId ?? "Offer")}</strong><br>${when(p.availableFrom)} – ${when(p.availableTo)}<br>Body: ${esc(p.bodyType)} · Capacity: ${p.capacityKg != null ? esc(Number(p.capacityKg).toLocaleString("en-GB")) + " kg" : "—"}<br>Radius: ${p.radiusKm != null ? esc(p.radiusKm) + " km" : "—"}<br>Preferred destination: ${esc([dest.region, dest.country].filter(Boolean).join(", ") || "any")}</div>`;
};

type TOptions = {
  container: RefObject<HTMLDivElement | null>;
  styleUrl: string | null;
  onSelect: (unitId: string) => void;
  onReady: () => void;
};

/** Creates the MapLibre map once (loaded on the client only: it is ESM and needs WebGL), with its layers and clicks. */
export const useMapInstance = ({ container, styleUrl, onSelect, onReady }: TOptions): { mapRef: RefObject<MapLibreMap | null>; markerClass: RefObject<typeof Marker | null> } => {
  const mapRef = useRef<MapLibreMap | null>(null);
  const markerClass = useRef<typeof Marker | null>(null);
  useEffect(() => {
    let disposed = false;
    (async () => {
      const maplibre = await import("maplibre-gl");
      maplibre.setWorkerUrl("/map-assets/maplibre-gl-worker.mjs");
      markerClass.current = maplibre.Marker;
      if (disposed || !container.current) return;
      const map = new maplibre.Map({ container: container.current, style: styleUrl ?? offlineStyle(), center: [10, 50], zoom: 3.5, attributionControl: { compact: false } });
      map.addControl(new maplibre.NavigationControl(), "top-right");
      mapRef.current = map;
      map.on("load", () => {
        addFleetLayers(map);
        map.on("click", "units", (e) => {
          const feature = e.features?.[0] as MapGeoJSONFeature | undefined;
          if (feature?.properties.id) onSelect(String(feature.properties.id));
        });
        map.on("click", "clusters", async (e) => {
          const feature = e.features?.[0] as MapGeoJSONFeature | undefined;
          if (!feature) return;
          const zoom = await (map.getSource("units") as GeoJSONSource).getClusterExpansionZoom(feature.properties.cluster_id as number);
          map.easeTo({ center: (feature.geometry as unknown as { coordinates: [number, number] }).coordinates, zoom });
        });
        map.on("click", "offer-origin", (e) => {
          const feature = e.features?.[0] as MapGeoJSONFeature | undefined;
          if (feature) new maplibre.Popup().setLngLat(e.lngLat).setHTML(offerPopupHtml(feature.properties)).addTo(map);
        });
        for (const layer of ["units", "clusters", "offer-origin"]) {
          map.on("mouseenter", layer, () => (map.getCanvas().style.cursor = "pointer"));
          map.on("mouseleave", layer, () => (map.getCanvas().style.cursor = ""));
        }
        onReady();
      });
    })();
    return () => {
      disposed = true;
      mapRef.current?.remove();
      mapRef.current = null;
    };
    // The callbacks are stable setters; the map is rebuilt only for another style.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [styleUrl]);
  return { mapRef, markerClass };
};
