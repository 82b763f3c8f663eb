// One bounded poll cycle of a connection (at most 20 pages): fetch a page,
// land its messages through the same landing as the front door, then (only
// after they are committed) let the connector acknowledge and store the
// cursor. A crash between fetch and commit re-fetches the page next time,
// and the landing's de-duplication on the vendor's record keys makes that
// harmless. Failures back off; 3 authentication failures in a row stop
// polling until the carrier saves new credentials ("needs attention").
import { db } from "@/lib/db/client";
import { UnreadableSecretError } from "@/lib/crypto/secret-box";
import type { Dispatcher } from "undici";
import { openConnectorValue, sealConnectorValue } from "./connector-secrets";
import { landPulledPage } from "./land-pulled-page";
import { nextPollDelayMs } from "./poll-backoff";
import { findPullConnector } from "./registry";
import "./load-pull-connectors";
import type { TPullContext, TPullError } from "./types";

export const MAX_PAGES_PER_CYCLE = 20;
export const AUTH_FAILURES_TO_STOP = 3;

export type TCycleOutcome = { outcome: "ok" | "error" | "needs_attention" | "skipped"; pages: number; records: number; error: TPullError | null; nextPollAt: Date | null };

type TOwned = { connectionId: string; lease: Date };

/** Stores a page's cursor (and session) only while this cycle still holds the claim. */
const storeProgress = async ({ connectionId, lease, cursor, sessionSealed }: TOwned & { cursor: unknown; sessionSealed: string | null | undefined }): Promise<boolean> => {
  const rows = await db.$executeRaw`
    UPDATE connector_polls SET cursor = ${JSON.stringify(cursor ?? null)}::jsonb,
      session_ciphertext = CASE WHEN ${sessionSealed === undefined} THEN session_ciphertext ELSE ${sessionSealed ?? null} END
    WHERE connection_id = ${connectionId} AND locked_until = ${lease}::timestamptz`;
  return rows === 1;
};

const finish = async ({ connectionId, lease, outcome, startedAt, now, intervalSeconds, failures, authFailures, error, pages, records, sessionSealed }: TOwned & {
  outcome: TCycleOutcome["outcome"]; startedAt: number; now: Date; intervalSeconds: number; failures: number; authFailures: number; error: TPullError | null; pages: number; records: number; sessionSealed: string | null | undefined;
}): Promise<Date | null> => {
  const stop = outcome === "needs_attention";
  const nextPollAt = stop ? null : new Date(now.getTime() + nextPollDelayMs({ intervalSeconds, error, failures }));
  await db.$executeRaw`
    UPDATE connector_polls SET locked_until = NULL, next_poll_at = ${nextPollAt}::timestamptz, failures = ${failures}, auth_failures = ${authFailures},
      attention_message = ${stop ? error?.message ?? "Authentication failed" : null},
      session_ciphertext = CASE WHEN ${sessionSealed === undefined} THEN session_ciphertext ELSE ${sessionSealed ?? null} END,
      last_poll_at = ${now}::timestamptz, last_poll_duration_ms = ${Date.now() - startedAt}, last_poll_pages = ${pages}, last_poll_records = ${records},
      last_poll_outcome = ${outcome}, last_error = ${error ? `${error.kind}: ${error.message}` : null}
    WHERE connection_id = ${connectionId} AND locked_until = ${lease}::timestamptz`;
  return nextPollAt;
};

/** Runs one cycle for a claimed connection; returns what happened. Never throws for vendor or landing failures. */
export const runPollCycle = async ({ connectionId, lease, now = new Date(), maxPages = MAX_PAGES_PER_CYCLE, dispatcher }: TOwned & { now?: Date; maxPages?: number; dispatcher?: Dispatcher }): Promise<TCycleOutcome> => {
  const startedAt = Date.now();
  const poll = await db.connectorPoll.findUnique({ where: { connectionId }, include: { connection: true } });
  const connection = poll?.connection;
  const connector = connection ? findPullConnector(connection.connector.replace("_", "-")) : undefined;
  if (!poll || !connection || !connector || connection.deletedAt || connection.status !== "active" || poll.attentionMessage) {
    // Not pollable now (paused, deleted, waiting for new credentials): no next poll until something changes it.
    if (poll) await db.connectorPoll.updateMany({ where: { connectionId, lockedUntil: lease }, data: { lockedUntil: null, nextPollAt: null } });
    return { outcome: "skipped", pages: 0, records: 0, error: null, nextPollAt: null };
  }
  const intervalSeconds = Math.max(poll.intervalSeconds, connector.minIntervalSeconds);
  let context: TPullContext;
  try {
    context = {
      connectionId, settings: connection.connectorSettings, now, dispatcher, cursor: poll.cursor,
      secrets: openConnectorValue({ connectionId, purpose: "connector-secrets", sealed: connection.connectorSecretsCiphertext }),
      session: openConnectorValue({ connectionId, purpose: "connector-session", sealed: poll.sessionCiphertext }),
    };
  } catch (error) {
    if (!(error instanceof UnreadableSecretError)) throw error;
    const failure: TPullError = { kind: "permanent", message: "The connector's credentials cannot be read (their encryption key is not configured). Save the credentials again." };
    const nextPollAt = await finish({ connectionId, lease, outcome: "needs_attention", startedAt, now, intervalSeconds, failures: poll.failures + 1, authFailures: poll.authFailures, error: failure, pages: 0, records: 0, sessionSealed: undefined });
    return { outcome: "needs_attention", pages: 0, records: 0, error: failure, nextPollAt };
  }

  let pages = 0;
  let records = 0;
  let sessionSealed: string | null | undefined;
  let error: TPullError | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await connector.fetchPage(context).catch((fetchError: unknown): Awaited<ReturnType<typeof connector.fetchPage>> => {
      console.error(`[connectors] ${connector.slug} fetch of connection ${connectionId} failed unexpectedly:`, fetchError);
      return { ok: false, error: { kind: "transient", message: "The connector failed on our side; it is retried with back-off." } };
    });
    if (result.session !== undefined) {
      context.session = result.session;
      sessionSealed = result.session === null ? null : sealConnectorValue({ connectionId, purpose: "connector-session", value: result.session });
    }
    if (!result.ok) {
      error = result.error;
      break;
    }
    const landed = await landPulledPage({ companyId: connection.companyId, connectionId, page: result.page }).catch((landingError: unknown) => {
      console.error(`[connectors] landing a page of connection ${connectionId} failed; it is fetched again next time:`, landingError);
      return null;
    });
    if (!landed) {
      error = { kind: "transient", message: "The page could not be stored; it is fetched again at the next poll." };
      break;
    }
    // Only now, with the messages committed: acknowledge to the vendor, then move the cursor.
    const acknowledged = await (connector.afterCommit?.({ ...context, page: result.page }) ?? Promise.resolve()).then(() => true, (ackError: unknown) => {
      console.error(`[connectors] ${connector.slug} acknowledgement for connection ${connectionId} failed; the page comes again and is de-duplicated:`, ackError);
      return false;
    });
    if (!acknowledged) {
      error = { kind: "transient", message: "The vendor did not take the acknowledgement; the same records come again and are not stored twice." };
      break;
    }
    if (!(await storeProgress({ connectionId, lease, cursor: result.page.nextCursor, sessionSealed }))) {
      return { outcome: "skipped", pages, records, error: null, nextPollAt: null };
    }
    sessionSealed = undefined;
    context.cursor = result.page.nextCursor;
    pages += 1;
    records += result.page.messages.reduce((n, m) => n + m.recordKeys.length, 0);
    if (!result.page.hasMore) break;
  }
  const authFailures = error?.kind === "auth" ? poll.authFailures + 1 : error ? poll.authFailures : 0;
  const failures = error ? poll.failures + 1 : 0;
  const outcome: TCycleOutcome["outcome"] = authFailures >= AUTH_FAILURES_TO_STOP ? "needs_attention" : error ? "error" : "ok";
  const nextPollAt = await finish({ connectionId, lease, outcome, startedAt, now, intervalSeconds, failures, authFailures, error, pages, records, sessionSealed });
  return { outcome, pages, records, error, nextPollAt };
};
