/** A Retry-After header (delay in seconds, or an HTTP date) as milliseconds from `now`; null when absent or unreadable. */
export const parseRetryAfter = ({ value, now }: { value: string | null | undefined; now: Date }): number | null => {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only a real HTTP date (it names a weekday or a month); Date.parse alone also reads "12" or "1.5" as years.
  if (!/[a-z]{3}/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
};
