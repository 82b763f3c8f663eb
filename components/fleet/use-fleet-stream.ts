"use client";

import { useEffect, useRef } from "react";
import { unitFromFeature, type TFeatureCollection, type TUnitProperties } from "@/lib/fleet/geojson";
import type { TUnitView } from "@/lib/fleet/types";

type THandlers = { onUnits: (units: TUnitView[]) => void; onChanged: () => void; onResync: () => void; onStatus: (status: "live" | "reconnecting") => void };

const STREAM_URL = "/api/v1/carriers-module/my-company/fleet/stream";

/**
 * Subscribes to the live fleet stream. On any gap (error, reconnect, or the
 * server's "resync") the page reloads everything, since events are not
 * replayed; reconnects back off from 1 s to 30 s.
 */
export const useFleetStream = (handlers: THandlers): void => {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = 1_000;
    let hadGap = false;
    let stopped = false;
    const connect = () => {
      source = new EventSource(STREAM_URL);
      source.addEventListener("ready", () => {
        delay = 1_000;
        latest.current.onStatus("live");
        if (hadGap) latest.current.onResync();
        hadGap = false;
      });
      source.addEventListener("units", (e) => latest.current.onUnits((JSON.parse((e as MessageEvent<string>).data) as TFeatureCollection<TUnitProperties>).features.map(unitFromFeature)));
      source.addEventListener("changed", () => latest.current.onChanged());
      source.addEventListener("resync", () => latest.current.onResync());
      source.onerror = () => {
        source?.close();
        if (stopped) return;
        hadGap = true;
        latest.current.onStatus("reconnecting");
        retry = setTimeout(connect, delay);
        delay = Math.min(30_000, delay * 2);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, []);
};
