// "Test connection" for Webfleet: the same fetch as a poll, but nothing is landed and nothing is
// acknowledged, so the popped batch stays in flight and the next poll lands it. Webfleet's queue
// collects only from its creation: on a new connection the first test may rightly show 0 records.
import { readSettings } from "@/lib/integrations/connection-settings";
import { normalizeEnvelope } from "@/lib/ingest/normalize/normalize-envelope";
import type { TIssue } from "@/lib/ingest/normalize/types";
import type { TCanonicalEnvelope, TPullContext, TPullError } from "@/lib/connectors/pull/types";
import { fetchWebfleetPage } from "./fetch-webfleet-page";
import type { TWebfleetQueueMessage, TWebfleetRetry } from "./types";

const SAMPLE_SIZE = 5;

export type TWebfleetConnectionTest = {
  ok: boolean;
  error?: TPullError;
  records: number;
  sample: TWebfleetQueueMessage[];
  envelope: TCanonicalEnvelope;
  issues: TIssue[];
};

/** Authenticates, pops and maps one page without storing or acknowledging anything; the envelope is the first message's. */
export const testWebfleetConnection = async (context: TPullContext & { retry?: TWebfleetRetry }): Promise<TWebfleetConnectionTest> => {
  const { retry, ...pullContext } = context;
  const { result, records } = await fetchWebfleetPage({ context: pullContext, retry });
  const empty: TCanonicalEnvelope = { positions: [], plans: [], availability: [] };
  if (!result.ok) return { ok: false, error: result.error, records: 0, sample: [], envelope: empty, issues: [] };
  const envelope = result.page.messages[0]?.envelope ?? empty;
  // The connection's own limits are not in the pull context; the defaults are what a new connection uses.
  const settings = readSettings(undefined);
  const normalized = normalizeEnvelope({
    envelope,
    messageId: "connection-test",
    limits: { now: context.now, maxFutureMs: settings.maxFutureSeconds * 1000, maxAgeMs: settings.maxAgeSeconds === null ? null : settings.maxAgeSeconds * 1000 },
  });
  return { ok: true, records: records.length, sample: records.slice(0, SAMPLE_SIZE), envelope, issues: normalized.issues };
};
