"use client";

import "maplibre-gl/dist/maplibre-gl.css";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Marker } from "maplibre-gl";
import type { TUnitDetail } from "@/lib/fleet/get-unit-detail";
import { planRouteToGeoJson, unitsToGeoJson } from "@/lib/fleet/geojson";
import type { TUnitView } from "@/lib/fleet/types";
import type { TUnitState } from "@/lib/fleet/unit-state";
import { fetchOffers, fetchTrack, fetchUnit, fetchUnits, type TOfferFeature } from "./fleet-api";
import { showLegMarkers } from "./leg-markers";
import { setSourceData } from "./map-layers";
import { OfferList } from "./offer-list";
import { UnitFilters } from "./unit-filters";
import { UnitList } from "./unit-list";
import { UnitPanel } from "./unit-panel";
import { ALL_STATES } from "./unit-states";
import { useFleetStream } from "./use-fleet-stream";
import { useMapInstance } from "./use-map-instance";

const LIST_HEIGHT = 520;
const EMPTY = { type: "FeatureCollection", features: [] };


/** Fleet → Map: units at their latest positions, live; plans, tracks and offers on demand. */
export const FleetMap = ({ styleUrl }: { styleUrl: string | null }) => {
  const container = useRef<HTMLDivElement>(null);
  const [mapReady, setMapReady] = useState(false);
  const [units, setUnits] = useState<Map<string, TUnitView>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [detail, setDetail] = useState<TUnitDetail | null>(null);
  const [search, setSearch] = useState("");
  const [states, setStates] = useState<Set<TUnitState>>(new Set(ALL_STATES));
  const [showOffers, setShowOffers] = useState(false);
  const [live, setLive] = useState<"connecting" | "live" | "reconnecting">("connecting");
  const [offers, setOffers] = useState<TOfferFeature[]>([]);
  const fitted = useRef(false);
  const legMarkers = useRef<Marker[]>([]);
  const { mapRef, markerClass } = useMapInstance({ container, styleUrl, onSelect: setSelectedId, onReady: () => setMapReady(true) });

  const reloadUnits = useCallback(async () => {
    const all = await fetchUnits();
    setUnits(new Map(all.map((u) => [u.id, u])));
    setLoaded(true);
  }, []);

  const showSelected = useCallback((unit: TUnitDetail, track: unknown) => {
    setDetail(unit);
    const map = mapRef.current;
    if (!map) return;
    setSourceData(map, "track", track);
    setSourceData(map, "plan", unit.currentPlan ? planRouteToGeoJson(unit.currentPlan) : EMPTY);
    if (markerClass.current) legMarkers.current = showLegMarkers({ map, markers: legMarkers.current, legs: unit.currentPlan?.legs ?? [], MarkerClass: markerClass.current });
  }, [mapRef, markerClass]);

  const reloadSelected = useCallback(async (id: string | null) => {
    if (!id) return;
    const [unit, track] = await Promise.all([fetchUnit(id), fetchTrack(id)]);
    showSelected(unit, track);
  }, [showSelected]);

  const reloadOffers = useCallback(async () => {
    const data = await fetchOffers();
    setOffers(data.features);
    if (mapRef.current) setSourceData(mapRef.current, "offers", data);
  }, [mapRef]);

  useFleetStream({
    onUnits: (changed) => setUnits((current) => new Map([...current, ...changed.map((u) => [u.id, u] as const)])),
    onChanged: () => {
      void reloadSelected(selectedId);
      if (showOffers) void reloadOffers();
    },
    onResync: () => {
      void reloadUnits();
      void reloadSelected(selectedId);
      if (showOffers) void reloadOffers();
    },
    onStatus: setLive,
  });


  useEffect(() => {
    let cancelled = false;
    fetchUnits().then(
      (all) => {
        if (cancelled) return;
        setUnits(new Map(all.map((u) => [u.id, u])));
        setLoaded(true);
      },
      (error) => console.error("[map] could not load units", error),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  // Units → map source; the first view fits the fleet.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !mapReady) return;
    const visible = [...units.values()].filter((u) => states.has(u.state));
    setSourceData(map, "units", unitsToGeoJson(visible));
    const located = visible.filter((u) => u.latest);
    if (!fitted.current && located.length > 0) {
      fitted.current = true;
      const lngs = located.map((u) => u.latest!.lng);
      const lats = located.map((u) => u.latest!.lat);
      map.fitBounds([[Math.min(...lngs), Math.min(...lats)], [Math.max(...lngs), Math.max(...lats)]], { padding: 60, maxZoom: 10, duration: 0 });
    }
  }, [units, states, mapReady, mapRef]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !mapReady) return;
    for (const layer of ["offer-radius", "offer-origin"]) map.setLayoutProperty(layer, "visibility", showOffers ? "visible" : "none");
    if (!showOffers) return;
    let cancelled = false;
    fetchOffers().then(
      (data) => {
        if (cancelled) return;
        setOffers(data.features);
        setSourceData(map, "offers", data);
      },
      (error) => console.error("[map] could not load offers", error),
    );
    return () => {
      cancelled = true;
    };
  }, [showOffers, mapReady, mapRef]);

  const select = (id: string | null) => {
    setSelectedId(id);
    if (id) return;
    setDetail(null);
    legMarkers.current.forEach((m) => m.remove());
    legMarkers.current = [];
    if (mapRef.current) {
      setSourceData(mapRef.current, "track", EMPTY);
      setSourceData(mapRef.current, "plan", EMPTY);
    }
  };

  useEffect(() => {
    if (!selectedId) return;
    let cancelled = false;
    Promise.all([fetchUnit(selectedId), fetchTrack(selectedId)]).then(
      ([unit, track]) => !cancelled && showSelected(unit, track),
      (error) => console.error("[map] could not load the unit", error),
    );
    const unit = units.get(selectedId);
    if (unit?.latest) mapRef.current?.easeTo({ center: [unit.latest.lng, unit.latest.lat], zoom: Math.max(mapRef.current.getZoom(), 9) });
    return () => {
      cancelled = true;
    };
    // Only a new selection moves the camera; live updates do not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, mapReady]);

  const listed = useMemo(() => {
    const q = search.trim().toLowerCase();
    return [...units.values()]
      .filter((u) => states.has(u.state) && (!q || u.externalUnitId.toLowerCase().includes(q) || (u.driverName ?? "").toLowerCase().includes(q)))
      .sort((a, b) => a.externalUnitId.localeCompare(b.externalUnitId));
  }, [units, search, states]);

  const toggleState = (state: TUnitState) =>
    setStates((current) => {
      const next = new Set(current);
      if (next.has(state)) next.delete(state);
      else next.add(state);
      return next;
    });

  return (
    <div className="flex gap-4">
      <aside aria-label="Fleet" className="w-80 shrink-0 rounded-lg border border-slate-200 bg-white">
        {detail ? (
          <UnitPanel unit={detail} onClose={() => select(null)} />
        ) : (
          <div>
            <UnitFilters search={search} onSearch={setSearch} states={states} onToggleState={toggleState} shown={listed.length} total={units.size} />
            {loaded && units.size === 0 ? (
              <div className="p-4 text-sm text-slate-700">
                <p className="font-medium">No vehicles yet.</p>
                <p className="mt-1">Create a connection under <Link className="text-brand-700 underline" href="/fleet/integrations">Fleet → Integrations</Link>, then send the example with one of its snippets (or use &quot;Send test&quot;, which is a dry run). Trucks appear here as their positions arrive.</p>
              </div>
            ) : (
              <UnitList units={listed} selectedId={selectedId} onSelect={select} height={LIST_HEIGHT} />
            )}
          </div>
        )}
      </aside>
      <div className="min-w-0 flex-1 space-y-2">
        <div className="flex items-center gap-4 text-sm">
          <label className="inline-flex items-center gap-2"><input type="checkbox" checked={showOffers} onChange={(e) => setShowOffers(e.target.checked)} />Show capacity offers</label>
          <span role="status" className="text-slate-600">{live === "live" ? "Live" : live === "reconnecting" ? "Reconnecting…" : "Connecting…"}</span>
        </div>
        {showOffers ? (
          <OfferList offers={offers} onShow={(center) => mapRef.current?.easeTo({ center, zoom: 8 })} />
        ) : null}
        <div ref={container} data-testid="fleet-map" className="h-[640px] w-full overflow-hidden rounded-lg border border-slate-200" role="region" aria-label="Map" />
      </div>
    </div>
  );
};
