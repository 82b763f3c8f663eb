/** The keys whose values differ between two flat records (compared as JSON, so dates and nulls compare by value). */
export const changedFields = <T extends Record<string, unknown>>(before: T, after: T, keys: (keyof T & string)[] = Object.keys(after)): string[] =>
  keys.filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null));
