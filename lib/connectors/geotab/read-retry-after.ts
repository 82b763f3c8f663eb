// Retry-After as MyGeotab and proxies send it: whole or fractional seconds, or an HTTP date.
import { parseRetryAfter } from "@/lib/callbacks/deliver/parse-retry-after";

/** Milliseconds to wait, or null when the header is absent or unreadable. */
export const readRetryAfter = ({ value, nowMs }: { value: string | undefined; nowMs: number }): number | null => {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  return parseRetryAfter({ value: text, now: new Date(nowMs) });
};
