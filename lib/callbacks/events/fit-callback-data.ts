// A callback body stays under 64 KB: the longest lists in `data` are cut
// (their total count stays in the data) until the JSON fits.
const LIMIT_BYTES = 60_000;

type TJson = unknown;

const size = (value: TJson) => Buffer.byteLength(JSON.stringify(value));

/** The longest array anywhere in `value`, as [container, key] to shorten it in place. */
const longestList = (value: TJson, best: { holder: Record<string, TJson>; key: string; length: number } | null = null) => {
  if (value === null || typeof value !== "object") return best;
  for (const [key, child] of Object.entries(value as Record<string, TJson>)) {
    if (Array.isArray(child) && child.length > (best?.length ?? 1)) best = { holder: value as Record<string, TJson>, key, length: child.length };
    best = longestList(child, best);
  }
  return best;
};

/** Returns `data` (a copy when it had to shrink) whose JSON fits in a callback body. */
export const fitCallbackData = (data: Record<string, unknown>): Record<string, unknown> => {
  if (size(data) <= LIMIT_BYTES) return data;
  const copy = structuredClone(data);
  for (let guard = 0; guard < 64 && size(copy) > LIMIT_BYTES; guard += 1) {
    const longest = longestList(copy);
    if (!longest) break;
    const list = longest.holder[longest.key] as TJson[];
    longest.holder[longest.key] = list.slice(0, Math.floor(list.length / 2));
    // Lists are cut, never silently: the total stays beside them.
    longest.holder[`${longest.key}Truncated`] = true;
    longest.holder[`${longest.key}Total`] ??= list.length;
  }
  return copy;
};
