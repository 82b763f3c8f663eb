// An order row's destination (integer micro-degrees, zip, country, street and city) as a leg place.
import { readWebfleetNumber } from "./read-webfleet-number";
import type { TEnvelopeLeg, TWebfleetOrderRow } from "./types";

const filled = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";

/** The destination of an order row as a leg place; 0/0 is Webfleet's "no coordinates"; undefined when nothing is known. */
export const toWebfleetOrderPlace = (row: TWebfleetOrderRow | undefined): TEnvelopeLeg["place"] | undefined => {
  if (!row) return undefined;
  const lat = readWebfleetNumber(row.latitude);
  const lng = readWebfleetNumber(row.longitude);
  const name = [row.street, row.city].filter(filled).join(", ");
  const place = {
    ...(lat !== null && lng !== null && !(lat === 0 && lng === 0) ? { lat: lat / 1_000_000, lng: lng / 1_000_000 } : {}),
    ...(filled(row.zip) ? { postalCode: row.zip } : {}),
    ...(filled(row.country) ? { country: row.country } : {}),
    ...(name ? { name } : {}),
  };
  return Object.keys(place).length > 0 ? place : undefined;
};
