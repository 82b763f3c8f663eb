// The small path language of the pagination settings (`pagination.endCursor`,
// `meta.pages[0].next`): the carrier names a field, not an expression, so no
// JSONata runs for it and a missing field is simply undefined.

/** The value at a dotted path with optional `[n]` indices; undefined when any step is missing. */
export const readJsonPath = ({ value, path }: { value: unknown; path: string }): unknown => {
  let current: unknown = value;
  for (const step of path.split(".")) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(step);
    if (!match) return undefined;
    const keys: (string | number)[] = [match[1]!, ...[...match[2]!.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]))];
    for (const key of keys) {
      if (typeof key === "number") {
        if (!Array.isArray(current)) return undefined;
        current = current[key];
      } else {
        if (typeof current !== "object" || current === null || Array.isArray(current) || !Object.hasOwn(current, key)) return undefined;
        current = (current as Record<string, unknown>)[key];
      }
    }
  }
  return current;
};
