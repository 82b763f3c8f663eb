// Reads a Get result: it must be an array; entities that do not fit the schema are skipped and counted.
import type { ZodType } from "zod";
import type { TEntityList } from "./geotab-types";

/** The entities of `value` that fit `schema`, or null when `value` is not an array. */
export const parseEntityList = <T>({ schema, value }: { schema: ZodType<T>; value: unknown }): TEntityList<T> | null => {
  if (!Array.isArray(value)) return null;
  const entities: T[] = [];
  let skipped = 0;
  for (const item of value) {
    const parsed = schema.safeParse(item);
    if (parsed.success) entities.push(parsed.data);
    else skipped += 1;
  }
  return { entities, skipped };
};
