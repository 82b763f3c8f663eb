// Which URL, query and body the next page request uses, from the settings and
// the stored cursor. A new run starts when the cursor has no `next`; with
// "updated since", every page of a run sends the same since value.
import type { TCarrierRestCursor, TCarrierRestSettings } from "./settings";

export type TPageRequest = { url: URL; body: string | undefined; run: TCarrierRestCursor["run"]; sentCursor: string | null; page: number | null; offset: number | null };

const formatSince = (at: Date, format: "iso8601" | "epochS" | "epochMs"): string => {
  if (format === "epochS") return String(Math.floor(at.getTime() / 1000));
  if (format === "epochMs") return String(at.getTime());
  return at.toISOString();
};

/** Joins the base URL (which may carry a path prefix such as /api) and the path setting. */
export const joinBasePath = ({ baseUrl, path }: { baseUrl: string; path: string }): URL => {
  const base = new URL(baseUrl);
  const [pathname, search] = path.split("?", 2);
  const url = new URL(`${base.pathname.replace(/\/+$/, "")}${pathname}`, base.origin);
  for (const [name, value] of new URLSearchParams(search ?? "")) url.searchParams.append(name, value);
  for (const [name, value] of base.searchParams) url.searchParams.append(name, value);
  return url;
};

/** Plans the request for the page the cursor points at (auth is added by the caller). */
export const planPageRequest = ({ settings, cursor, now }: { settings: TCarrierRestSettings; cursor: TCarrierRestCursor; now: Date }): { ok: true; request: TPageRequest } | { ok: false; message: string } => {
  const { pagination, incremental } = settings;
  const next = cursor.next;
  const run: TCarrierRestCursor["run"] =
    incremental.mode !== "updatedSince"
      ? null
      : next && cursor.run
        ? cursor.run
        : {
            since: cursor.watermark
              ? formatSince(new Date(Date.parse(cursor.watermark) - incremental.overlapSeconds * 1000), incremental.sinceFormat)
              : incremental.initialLookbackSeconds
                ? formatSince(new Date(now.getTime() - incremental.initialLookbackSeconds * 1000), incremental.sinceFormat)
                : null,
            startedAt: now.toISOString(),
          };

  // A Link target carries every parameter itself; it must stay on the configured origin, or credentials would follow it elsewhere.
  if (next?.type === "link") {
    if (pagination.type !== "linkHeader") return { ok: false, message: "The stored cursor is a Link URL but pagination is no longer by Link header; reset the cursor." };
    const url = new URL(next.url);
    if (url.origin !== new URL(settings.baseUrl).origin) return { ok: false, message: `The next-page link points to ${url.origin}, not the Base URL's origin; it is not followed.` };
    return { ok: true, request: { url, body: undefined, run, sentCursor: null, page: null, offset: null } };
  }

  const params: Record<string, string> = { ...settings.query };
  if (run?.since && incremental.mode === "updatedSince") params[incremental.sinceParam] = run.since;
  let sentCursor: string | null = null;
  let page: number | null = null;
  let offset: number | null = null;
  switch (pagination.type) {
    case "cursor":
      if (next?.type === "cursor") {
        sentCursor = next.value;
        params[pagination.cursorParam] = next.value;
      }
      break;
    case "page":
      page = next?.type === "page" ? next.page : pagination.startPage;
      params[pagination.pageParam] = String(page);
      if (pagination.pageSizeParam) params[pagination.pageSizeParam] = String(pagination.pageSize);
      break;
    case "offset":
      offset = next?.type === "offset" ? next.offset : 0;
      params[pagination.offsetParam] = String(offset);
      params[pagination.limitParam] = String(pagination.pageSize);
      break;
    case "linkHeader":
    case "none":
      break;
  }

  const url = joinBasePath({ baseUrl: settings.baseUrl, path: settings.path });
  // POST sends the parameters as a JSON search body (the shape most "search" endpoints take); GET in the query.
  if (settings.method === "POST") return { ok: true, request: { url, body: JSON.stringify(params), run, sentCursor, page, offset } };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return { ok: true, request: { url, body: undefined, run, sentCursor, page, offset } };
};
