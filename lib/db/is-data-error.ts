// PostgreSQL's SQLSTATE classes for "this value cannot be stored": 22 data
// exception, 23 integrity constraint, 54 program limit (e.g. an index row too
// large). Anything else (connection lost, timeout, lock) is the database's
// trouble, not the data's, and must be retried instead of dropping entries.
const DATA_CLASSES = new Set(["22", "23", "54"]);

/** The SQLSTATE of a failed query (Prisma with a driver adapter, or pg), if any. */
export const sqlStateOf = (error: unknown): string | undefined => {
  const e = error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } }; code?: unknown } | null;
  const code = e?.meta?.driverAdapterError?.cause?.originalCode ?? e?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
};

/** True when PostgreSQL refused a value, so splitting the statement can isolate the entry that carries it. */
export const isDataError = (error: unknown): boolean => DATA_CLASSES.has(sqlStateOf(error)?.slice(0, 2) ?? "");
