// PropertySelector (Geotab SDK concepts, "PropertySelector"): include or exclude named fields; for LogRecord
// `dateTime` must be included.
import { z } from "zod";
import { GeotabException } from "./geotab-exception";

export const ZPropertySelector = z.object({ fields: z.array(z.string()), isIncluded: z.boolean().default(true) });
export type TPropertySelector = z.infer<typeof ZPropertySelector>;

/** Returns a projection function for `selector` (identity when there is none). */
export const selectProperties = ({ selector, typeName }: { selector: TPropertySelector | undefined; typeName: string }) => {
  if (!selector) return <T extends object>(entity: T): object => entity;
  const fields = new Set(selector.fields.map((field) => field.toLowerCase()));
  if (typeName === "LogRecord" && selector.isIncluded && !fields.has("datetime")) {
    throw new GeotabException("ArgumentException", "PropertySelector for LogRecord must include 'dateTime'.");
  }
  return <T extends object>(entity: T): object =>
    Object.fromEntries(Object.entries(entity).filter(([key]) => fields.has(key.toLowerCase()) === selector.isIncluded));
};
