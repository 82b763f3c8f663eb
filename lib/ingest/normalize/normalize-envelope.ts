// The whole envelope: unknown keys ignored; a section that is present but not
// an array is dropped with a reason while the other sections go on. Each
// section has a cap, so one message cannot occupy a worker for long: entries
// past it are dropped with `too_many_entries`.
import { isRecord } from "./fields";
import { normalizeAvailability } from "./normalize-availability";
import { normalizePlans } from "./normalize-plans";
import { normalizePositions, type TPositionLimits } from "./normalize-positions";
import { readCallbackUrl } from "./read-callback-url";
import { emptyCounts, type TCounts, type TIssue, type TOffer, type TPlan, type TPosition, type TSection } from "./types";

export type TNormalized = { positions: TPosition[]; plans: TPlan[]; offers: TOffer[]; issues: TIssue[]; counts: TCounts; callbackUrl: string | null };

/** Entries per section and message (documented in the README). */
export const MAX_ENTRIES: Record<TSection, number> = { positions: 10_000, plans: 1_000, availability: 1_000 };

const section = (envelope: Record<string, unknown>, name: TSection, issues: TIssue[], counts: TCounts): unknown[] => {
  const value = envelope[name];
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) {
    const cap = MAX_ENTRIES[name];
    for (let index = cap; index < value.length; index++) {
      issues.push({ severity: "dropped", section: name, index, reason: "too_many_entries", detail: `${name} may have at most ${cap} entries per message; send the rest in another message` });
    }
    counts[name].received += Math.max(0, value.length - cap);
    counts[name].dropped += Math.max(0, value.length - cap);
    return value.length > cap ? value.slice(0, cap) : value;
  }
  issues.push({ severity: "dropped", section: name, index: null, reason: "invalid_type", detail: `${name} must be an array; the whole section was dropped` });
  counts[name].dropped += 1;
  return [];
};

/** Validates a parsed envelope against the specification and the connection's limits. */
export const normalizeEnvelope = ({ envelope, messageId, limits, acceptCallbackUrl = true }: { envelope: unknown; messageId: string; limits: TPositionLimits; acceptCallbackUrl?: boolean }): TNormalized => {
  const counts = emptyCounts();
  const issues: TIssue[] = [];
  if (!isRecord(envelope)) return { positions: [], plans: [], offers: [], issues, counts, callbackUrl: null };
  const { callbackUrl, issue } = readCallbackUrl({ value: envelope.callback_url, accept: acceptCallbackUrl });
  if (issue) issues.push(issue);
  const rawPositions = section(envelope, "positions", issues, counts);
  const rawPlans = section(envelope, "plans", issues, counts);
  const rawOffers = section(envelope, "availability", issues, counts);
  const positions = normalizePositions(rawPositions, limits);
  const plans = normalizePlans(rawPlans);
  const offers = normalizeAvailability(rawOffers, messageId);
  const add = (name: TSection, c: TCounts[TSection]) => {
    for (const key of Object.keys(c) as (keyof typeof c)[]) counts[name][key] += c[key];
  };
  add("positions", positions.counts);
  add("plans", plans.counts);
  add("availability", offers.counts);
  return {
    positions: positions.positions,
    plans: plans.plans,
    offers: offers.offers,
    issues: [...issues, ...positions.issues, ...plans.issues, ...offers.issues],
    counts,
    callbackUrl,
  };
};
