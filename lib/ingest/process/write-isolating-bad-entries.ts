// The safety net behind normalisation: should PostgreSQL still refuse a value
// in a set-based statement, the statement is split in halves until the entry
// that carries it stands alone; that entry is dropped with `unstorable_value`
// and every other entry is written. Only data errors split: a lost connection
// is thrown, so the whole step is retried and nothing good is dropped.
import { isDataError } from "@/lib/db/is-data-error";

export type TIsolated<E> = { rejected: { entry: E; error: string }[] };

/** Runs `write` over `entries`, isolating entries PostgreSQL refuses; returns those. */
export const writeIsolatingBadEntries = async <E>({ entries, write }: { entries: E[]; write: (part: E[]) => Promise<void> }): Promise<TIsolated<E>> => {
  const rejected: TIsolated<E>["rejected"] = [];
  const attempt = async (part: E[]): Promise<void> => {
    if (part.length === 0) return;
    try {
      await write(part);
    } catch (error) {
      if (!isDataError(error)) throw error;
      if (part.length === 1) {
        const text = error instanceof Error ? error.message : String(error);
        console.error("[ingest] the database refused an entry; dropped as unstorable_value:", text.split("\n").at(-1));
        rejected.push({ entry: part[0]!, error: text });
        return;
      }
      const half = Math.ceil(part.length / 2);
      await attempt(part.slice(0, half));
      await attempt(part.slice(half));
    }
  };
  await attempt(entries);
  return { rejected };
};
