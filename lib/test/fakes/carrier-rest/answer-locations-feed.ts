// Samsara's vehicle locations feed (connector-protocols.md §4.1, V):
// `GET /fleet/vehicles/locations/feed[?after=<endCursor>]` →
// `{data:[{id,name,locations:[{latitude,longitude,time,heading,speed,reverseGeo}]}],pagination:{endCursor,hasNextPage}}`.
// Speed is mph. The first call (no `after`) returns the latest fix per vehicle;
// later calls return what was appended after the cursor. Pages may be empty
// while `hasNextPage` is true, and cursors expire (30 days).
import { randomBytes } from "node:crypto";
import { presentSpeed } from "./present-units";
import { readInt } from "./read-int";
import { jsonReply, type TReply } from "./reply";
import type { TFakeLocation } from "./types";

type TCursor = { p: number; t: number };

// Opaque to the client, like Samsara's; the nonce makes every cursor a new string, even at the same position.
const encodeCursor = (cursor: TCursor) => Buffer.from(JSON.stringify({ ...cursor, n: randomBytes(4).toString("hex") })).toString("base64url");

const decodeCursor = (raw: string): TCursor | null => {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (typeof value !== "object" || value === null) return null;
    const { p, t } = value as Record<string, unknown>;
    return Number.isInteger(p) && (p as number) >= 0 && typeof t === "number" ? { p: p as number, t } : null;
  } catch {
    return null;
  }
};

const groupByVehicle = (fixes: TFakeLocation[]) => {
  const vehicles = new Map<string, { id: string; name: string; locations: unknown[] }>();
  for (const fix of fixes) {
    const vehicle = vehicles.get(fix.vehicleId) ?? { id: fix.vehicleId, name: fix.vehicleName, locations: [] };
    vehicle.locations.push({
      latitude: fix.latitude,
      longitude: fix.longitude,
      time: fix.time,
      heading: fix.headingDeg,
      speed: presentSpeed(fix.speedKmh, "mph"),
      reverseGeo: { formattedLocation: fix.address ?? "" },
    });
    vehicles.set(fix.vehicleId, vehicle);
  }
  return [...vehicles.values()];
};

const latestPerVehicle = (fixes: TFakeLocation[]) => {
  const latest = new Map<string, TFakeLocation>();
  for (const fix of fixes) {
    const seen = latest.get(fix.vehicleId);
    if (!seen || Date.parse(fix.time) >= Date.parse(seen.time)) latest.set(fix.vehicleId, fix);
  }
  return [...latest.values()];
};

const page = (data: unknown[], position: number, now: number, hasNextPage: boolean): TReply =>
  jsonReply(200, { data, pagination: { endCursor: encodeCursor({ p: position, t: now }), hasNextPage } });

/** Answers one feed request; `takeEmptyPage` says whether to answer an empty page with `hasNextPage: true` this time. */
export const answerLocationsFeed = ({ locations, params, now, pageSize, cursorTtlMs, takeEmptyPage }: { locations: TFakeLocation[]; params: URLSearchParams; now: number; pageSize: number; cursorTtlMs: number; takeEmptyPage: () => boolean }): TReply => {
  const wanted = params.get("vehicleIds")?.split(",").filter(Boolean);
  const matches = (fix: TFakeLocation) => !wanted || wanted.includes(fix.vehicleId);
  // `limit` (1–512, §4.1 "where supported") narrows the fake's page size for this request.
  const limit = readInt(params.get("limit"), pageSize);
  if (limit === null || limit < 1 || limit > 512) return jsonReply(400, { message: "limit must be between 1 and 512", requestId: randomBytes(8).toString("hex") });
  const after = params.get("after");
  if (after === null || after === "") return page(groupByVehicle(latestPerVehicle(locations.filter(matches))), locations.length, now, false);
  const cursor = decodeCursor(after);
  // The body of Samsara's answer to a bad or expired cursor is not documented (§7); a 400 with a message is the fake's guess.
  if (!cursor || cursor.p > locations.length) return jsonReply(400, { message: "Invalid cursor", requestId: randomBytes(8).toString("hex") });
  if (now - cursor.t > cursorTtlMs) return jsonReply(400, { message: "Cursor expired; start again without `after`", requestId: randomBytes(8).toString("hex") });
  if (takeEmptyPage()) return page([], cursor.p, now, true);
  const taken: TFakeLocation[] = [];
  let position = cursor.p;
  while (position < locations.length && taken.length < limit) {
    const fix = locations[position]!;
    if (matches(fix)) taken.push(fix);
    position += 1;
  }
  return page(groupByVehicle(taken), position, now, position < locations.length);
};
