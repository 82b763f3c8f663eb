"use client";

import type { TOfferFeature } from "./fleet-api";

/** The offers on the map as a list too (the map canvas is not readable by assistive technology). */
export const OfferList = ({ offers, onShow }: { offers: TOfferFeature[]; onShow: (coordinates: [number, number]) => void }) => (
  <ul aria-label="Capacity offers" className="flex flex-wrap gap-2 text-xs">
    {offers.length === 0 ? <li className="text-slate-600">No current offers.</li> : offers.map((o) => (
      <li key={o.properties.id}>
        <button type="button" className="rounded-full bg-purple-50 px-2 py-1 text-purple-900 hover:bg-purple-100" onClick={() => onShow(o.geometry.coordinates as [number, number])}>
          {o.properties.externalOfferId ?? "Offer"} · {o.properties.capacityKg != null ? `${o.properties.capacityKg.toLocaleString("en-GB")} kg` : "capacity —"} · {o.properties.bodyType ?? "any body"}
        </button>
      </li>
    ))}
  </ul>
);
