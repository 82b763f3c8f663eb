// A strict ISO 8601 date-time reader. Date.parse is lenient where a carrier's
// mistake should be visible: it turns 2026-02-30 into 2 March and T24:00 into
// the next day, and accepts year 0000, which PostgreSQL rejects.
const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;

const FIRST_INSTANT = Date.parse("0001-01-01T00:00:00Z");
const AFTER_LAST_INSTANT = Date.UTC(10_000, 0, 1);

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The instant an ISO 8601 date-time with a zone names; null unless every field is a real calendar value (years 0001–9999). */
export const parseIsoTimestamp = (value: string): Date | null => {
  const m = ISO_WITH_ZONE.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const sign = m[9] === "-" ? -1 : 1;
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const local = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  local.setUTCFullYear(year);
  const time = local.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  // In UTC the instant must stay within years 0001–9999 too: it is written as an ISO string, and
  // toISOString gives "0000-…" or "+010000-…" outside them, which PostgreSQL refuses.
  return time < FIRST_INSTANT || time >= AFTER_LAST_INSTANT ? null : new Date(time);
};
