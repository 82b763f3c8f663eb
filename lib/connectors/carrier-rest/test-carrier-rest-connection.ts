// "Test connection" for carrier-rest: authenticate, fetch and map one page
// exactly as a poll would, and store nothing (no cursor, no token, no
// message). It is where a carrier develops the mapping, so a failing
// expression still returns the page as the vendor sent it.
import type { TPullContext, TPullError } from "@/lib/connectors/pull/types";
import { readSettings } from "@/lib/integrations/connection-settings";
import { normalizeEnvelope } from "@/lib/ingest/normalize/normalize-envelope";
import type { TCounts, TIssue } from "@/lib/ingest/normalize/types";
import type { TRestEnvelope } from "./map-rest-page";
import { pullCarrierRestPage } from "./pull-carrier-rest-page";
import { readJsonPath } from "./read-json-path";
import type { TCarrierRestSettings } from "./settings";

const SAMPLE_SIZE = 5;
/** The raw page shown beside the envelope is cut here; the full page can be megabytes. */
export const RAW_EXCERPT_CHARS = 100_000;

export type TCarrierRestConnectionTest = {
  ok: boolean;
  error?: TPullError;
  /** Entries the page maps to (positions, plans and availability), as a poll would count them. */
  records: number;
  /** The first vendor records as sent (the records list of the response). */
  sample: unknown[];
  /** The first message's canonical envelope; null when the page did not arrive or did not map. */
  envelope: TRestEnvelope | null;
  /** What the front door would drop or warn about in that envelope, with reasons. */
  issues: TIssue[];
  counts: TCounts | null;
  /** The response as it came (cut at RAW_EXCERPT_CHARS), for side-by-side viewing; null when no page arrived. */
  raw: { body: string; truncated: boolean; requestUrl: string; status: number } | null;
};

// The records list: the pagination's records path, the body itself when it is a list, else its first list-valued field (Samsara's `data`).
const recordsOf = (body: unknown, settings: TCarrierRestSettings | undefined): unknown[] => {
  const pagination = settings?.pagination;
  if (pagination && (pagination.type === "page" || pagination.type === "offset")) {
    const records = readJsonPath({ value: body, path: pagination.recordsPath });
    if (Array.isArray(records)) return records;
  }
  if (Array.isArray(body)) return body;
  if (typeof body === "object" && body !== null) return Object.values(body).find((value): value is unknown[] => Array.isArray(value)) ?? [];
  return [];
};

/** Fetches and maps one page without storing or acknowledging anything; `connectionSettings` are the connection's front-door limits. */
export const testCarrierRestConnection = async (context: TPullContext & { connectionSettings?: unknown }): Promise<TCarrierRestConnectionTest> => {
  const pulled = await pullCarrierRestPage(context);
  const page = pulled.page;
  const raw = page ? { body: page.rawText.slice(0, RAW_EXCERPT_CHARS), truncated: page.rawText.length > RAW_EXCERPT_CHARS, requestUrl: page.requestUrl, status: page.status } : null;
  const sample = page ? recordsOf(page.body, pulled.settings).slice(0, SAMPLE_SIZE) : [];
  if (!pulled.ok) return { ok: false, error: pulled.error, records: 0, sample, envelope: null, issues: [], counts: null, raw };

  const limits = readSettings(context.connectionSettings);
  const envelope = pulled.messages[0]?.envelope ?? { positions: [], plans: [], availability: [] };
  const normalized = normalizeEnvelope({
    envelope,
    messageId: "connection-test",
    limits: { now: context.now, maxFutureMs: limits.maxFutureSeconds * 1000, maxAgeMs: limits.maxAgeSeconds === null ? null : limits.maxAgeSeconds * 1000 },
    acceptCallbackUrl: limits.acceptCallbackUrl,
  });
  const records = pulled.messages.reduce((sum, message) => sum + message.recordKeys.length, 0);
  return { ok: true, records, sample, envelope, issues: normalized.issues, counts: normalized.counts, raw };
};
