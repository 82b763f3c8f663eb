// A mapped page becomes one or more messages within the front door's caps
// (MAX_ENTRIES: a message over them would have its excess dropped), each with
// a vendor record key per entry so a page fetched again after a crash between
// fetch and commit lands nothing new. Entries without a natural key get a
// digest of their content, so they are de-duplicated and counted too.
import { sha256Hex } from "@/lib/crypto/random-token";
import { MAX_ENTRIES } from "@/lib/ingest/normalize/normalize-envelope";
import type { TSection } from "@/lib/ingest/normalize/types";
import type { TPulledMessage } from "@/lib/connectors/pull/types";
import type { TRestEnvelope } from "./map-rest-page";

const SECTIONS: readonly TSection[] = ["positions", "plans", "availability"];

const text = (entry: unknown, key: string): string | null => {
  const value = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" && value !== "" ? value : null;
};

// The same natural keys as mapRestPage's (unit and instant, plan id, offer id), one per entry and prefixed by section.
const keyOf = (section: TSection, entry: unknown): string => {
  if (section === "positions") {
    const unit = text(entry, "externalUnitId");
    const at = text(entry, "at");
    const time = at === null ? Number.NaN : Date.parse(at);
    if (unit !== null && !Number.isNaN(time)) return `position:${unit}\u0000${new Date(time).toISOString()}`;
  } else {
    const id = text(entry, section === "plans" ? "externalPlanId" : "externalOfferId");
    if (id !== null) return `${section === "plans" ? "plan" : "availability"}:${id}`;
  }
  return `${section}-content:${sha256Hex(JSON.stringify(entry) ?? "null")}`;
};

/** Splits a mapped envelope into messages of at most MAX_ENTRIES per section; an envelope with no entries gives none. */
export const splitRestEnvelope = ({ envelope }: { envelope: TRestEnvelope }): TPulledMessage[] => {
  const count = Math.max(...SECTIONS.map((section) => Math.ceil(envelope[section].length / MAX_ENTRIES[section])));
  const messages: TPulledMessage[] = [];
  for (let index = 0; index < count; index += 1) {
    const part = Object.fromEntries(SECTIONS.map((section) => [section, envelope[section].slice(index * MAX_ENTRIES[section], (index + 1) * MAX_ENTRIES[section])])) as TRestEnvelope;
    messages.push({ envelope: part, recordKeys: SECTIONS.flatMap((section) => part[section].map((entry) => keyOf(section, entry))) });
  }
  return messages;
};
