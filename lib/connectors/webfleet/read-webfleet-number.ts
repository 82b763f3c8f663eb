// Webfleet writes some numbers as strings (the object report's "speed":"64"); both forms count.

/** A finite number, or a decimal numeric string as a number; null for anything else. */
export const readWebfleetNumber = (value: unknown): number | null => {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
};
