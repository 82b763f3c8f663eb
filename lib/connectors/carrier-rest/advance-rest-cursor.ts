// After a page arrived: is there more in this cycle, and which cursor to store
// once the page's message is committed. A run that ends moves the "updated
// since" watermark to when the run started (the overlap re-reads around it).
import { parseLinkNext } from "./parse-link-next";
import type { TPageRequest } from "./plan-page-request";
import { readJsonPath } from "./read-json-path";
import type { TCarrierRestCursor, TCarrierRestSettings, TRestNext } from "./settings";

type TAdvance = { ok: true; hasMore: boolean; cursor: TCarrierRestCursor } | { ok: false; message: string };

const readCount = (body: unknown, path: string): { ok: true; count: number } | { ok: false; message: string } => {
  const records = readJsonPath({ value: body, path });
  if (!Array.isArray(records)) return { ok: false, message: `The response has no list at "${path}" (the records path of the pagination settings).` };
  return { ok: true, count: records.length };
};

const readTotal = (body: unknown, path: string | undefined): { ok: true; total: number | null } | { ok: false; message: string } => {
  if (!path) return { ok: true, total: null };
  const total = readJsonPath({ value: body, path });
  if (typeof total !== "number" || !Number.isInteger(total) || total < 0) return { ok: false, message: `The response has no whole number at "${path}" (the total path of the pagination settings).` };
  return { ok: true, total };
};

/** The next cursor and whether to fetch again now, from the settings, the request sent and the response. */
export const advanceRestCursor = ({ settings, cursor, request, body, headers }: { settings: TCarrierRestSettings; cursor: TCarrierRestCursor; request: TPageRequest; body: unknown; headers: Record<string, string> }): TAdvance => {
  const { pagination } = settings;
  let hasMore = false;
  let next: TRestNext | null = null;
  switch (pagination.type) {
    case "none":
      break;
    case "cursor": {
      const value = readJsonPath({ value: body, path: pagination.cursorPath });
      if (value !== undefined && value !== null && typeof value !== "string" && typeof value !== "number") return { ok: false, message: `The next cursor at "${pagination.cursorPath}" is not a string.` };
      const text = value === undefined || value === null || value === "" ? null : String(value);
      if (pagination.hasMorePath) {
        const more = readJsonPath({ value: body, path: pagination.hasMorePath });
        if (typeof more !== "boolean") return { ok: false, message: `The response has no true/false at "${pagination.hasMorePath}" (the has-more path of the pagination settings).` };
        hasMore = more;
      } else hasMore = text !== null && text !== request.sentCursor;
      if (hasMore && text === null) return { ok: false, message: `The response says there is more but has no next cursor at "${pagination.cursorPath}".` };
      // A feed cursor is where the next poll resumes even when nothing more is waiting now (Samsara's endCursor).
      const keep = hasMore || settings.incremental.mode === "feedCursor";
      const resumeAt = text ?? request.sentCursor;
      next = keep && resumeAt !== null ? { type: "cursor", value: resumeAt } : null;
      break;
    }
    case "page": {
      const count = readCount(body, pagination.recordsPath);
      if (!count.ok) return count;
      const total = readTotal(body, pagination.totalPath);
      if (!total.ok) return total;
      const index = (request.page ?? pagination.startPage) - pagination.startPage;
      // Without a page-size parameter the server picks the size: judge by the page's own length.
      const size = pagination.pageSizeParam ? pagination.pageSize : count.count;
      hasMore = count.count > 0 && (total.total !== null ? index * size + count.count < total.total : !pagination.pageSizeParam || count.count >= pagination.pageSize);
      next = hasMore ? { type: "page", page: (request.page ?? pagination.startPage) + 1 } : null;
      break;
    }
    case "offset": {
      const count = readCount(body, pagination.recordsPath);
      if (!count.ok) return count;
      const total = readTotal(body, pagination.totalPath);
      if (!total.ok) return total;
      const reached = (request.offset ?? 0) + count.count;
      hasMore = count.count > 0 && (total.total !== null ? reached < total.total : count.count >= pagination.pageSize);
      next = hasMore ? { type: "offset", offset: reached } : null;
      break;
    }
    case "linkHeader": {
      const link = parseLinkNext({ header: headers.link, base: request.url.toString() });
      hasMore = link !== null;
      // A vendor may echo the API key into its links; the stored cursor must not hold it (it is added again on each request).
      const stored = link ? new URL(link) : null;
      if (stored && settings.auth.type === "apiKeyQuery") stored.searchParams.delete(settings.auth.queryName);
      next = stored ? { type: "link", url: stored.toString() } : null;
      break;
    }
  }
  if (hasMore) return { ok: true, hasMore, cursor: { next, watermark: cursor.watermark, run: request.run } };
  const watermark = settings.incremental.mode === "updatedSince" && request.run ? request.run.startedAt : cursor.watermark;
  return { ok: true, hasMore, cursor: { next, watermark, run: null } };
};
