// The shared shape of plan and offer upserts: write the entries set-based
// (isolating any the database refuses), then tell each entry's fate: stored,
// refused (`unstorable_value`), or not written because a newer version is
// stored (stale).
import type { TIssue, TReason, TSection } from "@/lib/ingest/normalize/types";
import { writeIsolatingBadEntries } from "./write-isolating-bad-entries";

export type TOrderedResult = { accepted: number; stale: number; issues: TIssue[] };

type TOrderedWrite<E> = {
  entries: E[];
  section: TSection;
  keyOf: (entry: E) => string;
  indexOf: (entry: E) => number;
  /** Writes a part; returns the keys it wrote (those it did not were older than the stored version). */
  write: (part: E[]) => Promise<Set<string>>;
  stale: { reason: TReason; detail: (entry: E) => string };
};

/** Upserts entries that only move forward; returns what became of each. */
export const upsertOrderedEntries = async <E>({ entries, section, keyOf, indexOf, write, stale }: TOrderedWrite<E>): Promise<TOrderedResult> => {
  const result: TOrderedResult = { accepted: 0, stale: 0, issues: [] };
  if (entries.length === 0) return result;
  const written = new Set<string>();
  const { rejected } = await writeIsolatingBadEntries({
    entries,
    write: async (part) => {
      for (const key of await write(part)) written.add(key);
    },
  });
  const refused = new Set(rejected.map((r) => keyOf(r.entry)));
  for (const entry of entries) {
    const key = keyOf(entry);
    if (refused.has(key)) {
      result.issues.push({ severity: "dropped", section, index: indexOf(entry), reason: "unstorable_value", detail: "The database refused a value of this entry; it was not stored" });
    } else if (written.has(key)) {
      result.accepted += 1;
    } else {
      result.stale += 1;
      result.issues.push({ severity: "dropped", section, index: indexOf(entry), reason: stale.reason, detail: stale.detail(entry) });
    }
  }
  return result;
};
