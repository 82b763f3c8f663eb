// The subset of MyGeotab search objects a connector uses (§2.5): by id, by device, by diagnostic, by date range,
// by name, drivers only. Unknown search properties are ignored, as the server ignores unknown JSON members.
import { z } from "zod";

const ZRefSearch = z.object({ id: z.string() }).partial();

export const ZSearch = z
  .object({
    id: z.string(),
    name: z.string(),
    isDriver: z.boolean(),
    deviceSearch: ZRefSearch,
    diagnosticSearch: ZRefSearch,
    fromDate: z.iso.datetime({ offset: true }),
    toDate: z.iso.datetime({ offset: true }),
  })
  .partial()
  .loose();

export type TSearch = z.infer<typeof ZSearch>;

type TLoose = Record<string, unknown>;
const refId = (value: unknown) => (typeof value === "string" ? value : (value as TLoose | undefined)?.id);

/** Whether `entity` matches `search`; `ignore` drops criteria a method does not support (e.g. feeds' dates). */
export const matchesSearch = ({ entity, search, ignore = [] }: { entity: object; search: TSearch; ignore?: (keyof TSearch)[] }) => {
  const record = entity as TLoose;
  const wanted = (key: keyof TSearch) => search[key] !== undefined && !ignore.includes(key);
  if (wanted("id") && record.id !== search.id) return false;
  if (wanted("name") && record.name !== search.name) return false;
  if (wanted("isDriver") && record.isDriver !== search.isDriver) return false;
  if (wanted("deviceSearch") && search.deviceSearch?.id !== undefined && refId(record.device) !== search.deviceSearch.id) return false;
  if (wanted("diagnosticSearch") && search.diagnosticSearch?.id !== undefined && refId(record.diagnostic) !== search.diagnosticSearch.id) return false;
  const at = typeof record.dateTime === "string" ? Date.parse(record.dateTime) : Number.NaN;
  if (wanted("fromDate") && !(at >= Date.parse(search.fromDate!))) return false;
  if (wanted("toDate") && !(at <= Date.parse(search.toDate!))) return false;
  return true;
};
