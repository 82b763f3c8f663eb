// Page-number pagination (connector-protocols.md §4.4 profile 2): `page_no` and
// `per_page` with a `total`, after Motive (§4.1, layout "?"), so the parameter
// names, the first page's number and the size limits are options.
import { presentRecord } from "./present-record";
import { readInt } from "./read-int";
import { jsonReply, type TReply } from "./reply";
import { selectUpdatedSince } from "./select-updated-since";
import type { TFakeLocation, TFakeSince, TFakeUnits } from "./types";

export type TPageNumberSettings = { pageParam: string; pageSizeParam: string; startPage: number; defaultPageSize: number; maxPageSize: number };

/** `{locations:[…], pagination:{per_page, page_no, total}}`; a page past the end is empty, not an error. */
export const answerPageNumber = ({ locations, params, settings, since, units }: { locations: TFakeLocation[]; params: URLSearchParams; settings: TPageNumberSettings; since: TFakeSince; units: TFakeUnits }): TReply => {
  const pageNo = readInt(params.get(settings.pageParam), settings.startPage);
  const perPage = readInt(params.get(settings.pageSizeParam), settings.defaultPageSize);
  if (pageNo === null || pageNo < settings.startPage) return jsonReply(400, { message: `${settings.pageParam} must be an integer ≥ ${settings.startPage}` });
  if (perPage === null || perPage < 1 || perPage > settings.maxPageSize) return jsonReply(400, { message: `${settings.pageSizeParam} must be between 1 and ${settings.maxPageSize}` });
  const selected = selectUpdatedSince({ locations, params, since });
  if (!selected) return jsonReply(400, { message: `${since.param} is not a valid ${since.format} timestamp` });
  const start = (pageNo - settings.startPage) * perPage;
  return jsonReply(200, {
    locations: selected.slice(start, start + perPage).map((l) => presentRecord(l, units)),
    pagination: { [settings.pageSizeParam]: perPage, [settings.pageParam]: pageNo, total: selected.length },
  });
};
