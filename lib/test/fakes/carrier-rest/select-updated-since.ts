// The "updated since" watermark of the list routes (connector-protocols.md
// §4.2 `incremental.sinceParam`, e.g. Motive's `updated_after`, §4.1). The
// format and whether the bound is inclusive are not documented for a generic
// carrier, so both are options; the default is Motive's ISO 8601, exclusive.
import type { TFakeLocation, TFakeSince } from "./types";

const parseSince = (raw: string, format: TFakeSince["format"]): number | null => {
  if (format === "iso8601") {
    // Date.parse also takes "2026" or "1/2/2026"; a vendor would refuse those, so ask for a full timestamp.
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw)) return null;
    const ms = Date.parse(raw);
    return Number.isNaN(ms) ? null : ms;
  }
  if (!/^\d+$/.test(raw)) return null;
  return format === "epochS" ? Number(raw) * 1000 : Number(raw);
};

/** The locations changed after the watermark in `params` (all without one), oldest change first; `null` when the watermark is unreadable. */
export const selectUpdatedSince = ({ locations, params, since }: { locations: TFakeLocation[]; params: URLSearchParams; since: TFakeSince }): TFakeLocation[] | null => {
  const raw = params.get(since.param);
  const bound = raw === null ? null : parseSince(raw, since.format);
  if (raw !== null && bound === null) return null;
  const kept = bound === null ? [...locations] : locations.filter((l) => (since.inclusive ? Date.parse(l.updatedAt) >= bound : Date.parse(l.updatedAt) > bound));
  // Stable order (change time, then id) so page n means the same rows on every read.
  return kept.sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
};
