// Query integers are digits only: "1e3", "-1" or " 2" are refused as a strict vendor API would.
/** The parameter as a non-negative integer, `fallback` when absent, `null` when not digits. */
export const readInt = (raw: string | null, fallback: number): number | null => (raw === null ? fallback : /^\d+$/.test(raw) ? Number(raw) : null);
