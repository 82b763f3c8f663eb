// Retry-After is delta-seconds or an HTTP-date (RFC 9110 §10.2.3); Samsara
// sends fractional seconds such as "0.40235" (connector-protocols.md §4.1),
// which lib/callbacks/deliver/parse-retry-after.ts refuses on purpose for callbacks.

/** A Retry-After header as milliseconds from `now` (fractions rounded up); null when absent or unreadable. */
export const readRetryAfter = ({ value, now }: { value: string | null | undefined; now: Date }): number | null => {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // Only a real HTTP date (it names a weekday or a month); Date.parse alone also reads "12" as a year.
  if (!/[a-z]{3}/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
};
