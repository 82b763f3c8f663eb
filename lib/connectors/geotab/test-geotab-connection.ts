// "Test connection" for a Geotab connection: signs in and fetches and maps one page as a first poll would (the last
// hour), storing nothing and advancing no cursor, and shows what the front door would make of it.
import type { TCanonicalEnvelope, TPullContext, TPullError } from "@/lib/connectors/pull/types";
import { readSettings } from "@/lib/integrations/connection-settings";
import { normalizeEnvelope } from "@/lib/ingest/normalize/normalize-envelope";
import type { TIssue } from "@/lib/ingest/normalize/types";
import { pullGeotabPage, type TGeotabStoredSession } from "./pull-geotab-page";

/** How many vendor records the test shows as MyGeotab sent them. */
const SAMPLE_SIZE = 5;

export type TGeotabConnectionTest = {
  ok: boolean;
  error?: TPullError;
  /** LogRecords in the fetched page. */
  records: number;
  sample: unknown[];
  /** The first position message with the page's plans beside it; null when the page had nothing to map. */
  envelope: TCanonicalEnvelope | null;
  /** What the front door would drop or warn about in `envelope`. */
  issues: TIssue[];
  /** The sign-in the test made (its Authenticate counts toward MyGeotab's 10 per minute); the caller may keep it. */
  session?: TGeotabStoredSession;
};

/** Fetches and maps one page without landing, storing or advancing anything; `connectionSettings` give the normaliser's limits. */
export const testGeotabConnection = async (context: TPullContext & { connectionSettings?: unknown }): Promise<TGeotabConnectionTest> => {
  const result = await pullGeotabPage({ context, mode: "test" });
  if (!result.ok) return { ok: false, error: result.error, records: 0, sample: [], envelope: null, issues: [], ...(result.session ? { session: result.session } : {}) };
  const { messages, logRecords } = result.pull;
  const positions = messages.find((message) => message.envelope.positions.length > 0)?.envelope.positions ?? [];
  const plans = messages.filter((message) => message.envelope.plans.length > 0).flatMap((message) => message.envelope.plans);
  const envelope: TCanonicalEnvelope | null = positions.length + plans.length > 0 ? { positions, plans, availability: [] } : null;
  const limits = readSettings(context.connectionSettings);
  const issues = envelope
    ? normalizeEnvelope({
        envelope,
        messageId: "connection-test",
        limits: { now: context.now, maxFutureMs: limits.maxFutureSeconds * 1000, maxAgeMs: limits.maxAgeSeconds === null ? null : limits.maxAgeSeconds * 1000 },
        acceptCallbackUrl: limits.acceptCallbackUrl,
      }).issues
    : [];
  return { ok: true, records: logRecords.length, sample: logRecords.slice(0, SAMPLE_SIZE), envelope, issues, session: result.session };
};
