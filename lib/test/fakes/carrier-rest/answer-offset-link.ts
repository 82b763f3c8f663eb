// Offset pagination announced in a `Link` header (connector-protocols.md §4.4
// profile 3; RFC 8288): `rel="first"` always, `rel="next"` while rows remain.
// The next URL keeps every parameter except an API key sent in the query, so
// the client must add its credentials to each request itself.
import { presentRecord } from "./present-record";
import { readInt } from "./read-int";
import { jsonReply, type TReply } from "./reply";
import { selectUpdatedSince } from "./select-updated-since";
import type { TFakeLocation, TFakeSince, TFakeUnits } from "./types";

export type TOffsetSettings = { offsetParam: string; limitParam: string; defaultLimit: number; maxLimit: number };

/** `{locations:[…]}` with `Link: <…>; rel="first", <…>; rel="next"`. */
export const answerOffsetLink = ({ locations, params, url, settings, since, units, secretParam }: { locations: TFakeLocation[]; params: URLSearchParams; url: URL; settings: TOffsetSettings; since: TFakeSince; units: TFakeUnits; secretParam: string | null }): TReply => {
  const offset = readInt(params.get(settings.offsetParam), 0);
  const limit = readInt(params.get(settings.limitParam), settings.defaultLimit);
  if (offset === null) return jsonReply(400, { message: `${settings.offsetParam} must be a non-negative integer` });
  if (limit === null || limit < 1 || limit > settings.maxLimit) return jsonReply(400, { message: `${settings.limitParam} must be between 1 and ${settings.maxLimit}` });
  const selected = selectUpdatedSince({ locations, params, since });
  if (!selected) return jsonReply(400, { message: `${since.param} is not a valid ${since.format} timestamp` });
  const linkTo = (at: number) => {
    const next = new URL(url.pathname, url.origin);
    for (const [name, value] of params) if (name !== secretParam) next.searchParams.set(name, value);
    next.searchParams.set(settings.offsetParam, String(at));
    next.searchParams.set(settings.limitParam, String(limit));
    return next.toString();
  };
  const links = [`<${linkTo(0)}>; rel="first"`];
  if (offset + limit < selected.length) links.push(`<${linkTo(offset + limit)}>; rel="next"`);
  return jsonReply(200, { locations: selected.slice(offset, offset + limit).map((l) => presentRecord(l, units)) }, { link: links.join(", ") });
};
