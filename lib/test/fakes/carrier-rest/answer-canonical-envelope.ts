// A carrier whose API already answers in the portal's canonical envelope
// (carrier-integration-api.txt), for the "canonical envelope as-is" mapping
// preset of issue 10: positions from the state, plans and availability as the
// test put them in, with the same "updated since" filter as the list routes.
import { jsonReply, type TReply } from "./reply";
import { selectUpdatedSince } from "./select-updated-since";
import type { TFakeLocation, TFakeSince } from "./types";

/** `{positions, plans, availability}` in canonical field names and units (degrees, km/h). */
export const answerCanonicalEnvelope = ({ locations, plans, availability, params, since }: { locations: TFakeLocation[]; plans: unknown[]; availability: unknown[]; params: URLSearchParams; since: TFakeSince }): TReply => {
  const selected = selectUpdatedSince({ locations, params, since });
  if (!selected) return jsonReply(400, { message: `${since.param} is not a valid ${since.format} timestamp` });
  return jsonReply(200, {
    positions: selected.map((l) => ({ externalUnitId: l.vehicleId, at: l.time, lat: l.latitude, lng: l.longitude, speedKmh: l.speedKmh, headingDeg: l.headingDeg, isMoving: l.speedKmh > 0 })),
    plans,
    availability,
  });
};
