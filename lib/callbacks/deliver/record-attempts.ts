// Records a batch of finished attempts in one transaction, set-based: the
// attempt rows, each delivery's new state, its endpoint's health and the
// notices that calls for. Each delivery is re-checked inside the transaction:
// only the holder of its lease writes (a dispatcher whose lease ran out, or
// whose endpoint was deleted meanwhile, writes nothing).
import { db, type TTx } from "@/lib/db/client";
import type { CallbackDeliveryStatus, ConnectionAuditAction } from "@/lib/db/generated/enums";
import { recordSystemAudit } from "@/lib/integrations/record-system-audit";
import { advanceEndpointHealth, type THealth, type THealthNotice } from "./advance-endpoint-health";
import type { TVerdict } from "./judge-response";
import { nextDeliveryState, type TDeliveryState } from "./next-delivery-state";
import type { TClaim, TPrepared } from "./prepare-attempts";
import type { TAttemptOutcome, TAttemptTrigger } from "./types";

export type TFinished =
  | { kind: "attempt"; prepared: Extract<TPrepared, { kind: "send" | "failed" }>; verdict: TVerdict; startedAt: Date; trigger: TAttemptTrigger; random?: () => number }
  | { kind: "skip"; prepared: Extract<TPrepared, { kind: "skip" }>; trigger: TAttemptTrigger }
  /** Claimed but not sent (the dispatcher stops, or the lease would run out): handed back at once. */
  | { kind: "release"; claim: TClaim };

type TEndpointRow = { id: string; status: THealth["status"]; consecutive_failures: number; failing_since: Date | null; last_error: string | null; disabled_reason: string | null; disabled_at: Date | null; deleted: boolean; company_id: string; connection_id: string; url: string };
type TOwnedRow = { id: string; status: CallbackDeliveryStatus; attempts: number; next_attempt_at: Date | null };

const noticeAction: Record<THealthNotice, ConnectionAuditAction> = { failing: "callback_endpoint_failing", recovered: "callback_endpoint_recovered", disabled: "callback_endpoint_disabled" };
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const describeError = (verdict: TVerdict): string => (verdict.errorMessage ?? verdict.errorCode ?? "failed").slice(0, 500);

const claimOf = (item: TFinished): TClaim => (item.kind === "release" ? item.claim : item.prepared.claim);

const write = async ({ tx, items }: { tx: TTx; items: TFinished[] }): Promise<Map<string, TAttemptOutcome>> => {
  const endpointIds = [...new Set(items.flatMap((i) => (i.kind !== "release" && i.prepared.endpointId ? [i.prepared.endpointId] : [])))].sort();
  // Endpoints first (in id order, as every writer does), then the deliveries: no deadlock with an admin's action.
  const endpoints = endpointIds.length === 0 ? [] : await tx.$queryRaw<TEndpointRow[]>`
    SELECT id, status::text AS status, consecutive_failures, failing_since, last_error, disabled_reason, disabled_at, (deleted_at IS NOT NULL) AS deleted, company_id, connection_id, url
    FROM callback_endpoints WHERE id = ANY(${endpointIds}::text[]) ORDER BY id FOR UPDATE`;
  const claims = items.map(claimOf);
  const owned = await tx.$queryRaw<TOwnedRow[]>`
    SELECT d.id, d.status, d.attempts, d.next_attempt_at
    FROM callback_deliveries d JOIN unnest(${claims.map((c) => c.deliveryId)}::text[], ${claims.map((c) => c.lease.toISOString())}::text[]) AS v(id, lease) ON d.id = v.id
    WHERE d.locked_until = v.lease::timestamptz
    FOR UPDATE OF d`;
  const ownedById = new Map(owned.map((r) => [r.id, r]));
  const endpointById = new Map(endpoints.map((e) => [e.id, e]));
  const health = new Map<string, THealth>(endpoints.map((e) => [e.id, { status: e.status, consecutiveFailures: e.consecutive_failures, failingSince: e.failing_since, lastError: e.last_error, disabledReason: e.disabled_reason, disabledAt: e.disabled_at }]));
  const touched = new Set<string>();
  const notices: { endpoint: TEndpointRow; notice: THealthNotice }[] = [];
  const attempts: { deliveryId: string; attempt: number; trigger: TAttemptTrigger; startedAt: Date; verdict: TVerdict }[] = [];
  const updates: { id: string; state: TDeliveryState; lastAttemptAt: Date | null }[] = [];
  const outcomes = new Map<string, TAttemptOutcome>();

  for (const item of items) {
    const claim = claimOf(item);
    const row = ownedById.get(claim.deliveryId);
    if (!row) continue;
    const prior: TDeliveryState = { status: row.status, attempts: row.attempts, nextAttemptAt: row.next_attempt_at };
    if (item.kind === "release") {
      updates.push({ id: row.id, state: prior, lastAttemptAt: null });
      continue;
    }
    const endpointId = item.prepared.endpointId;
    const endpoint = endpointId ? endpointById.get(endpointId) : undefined;
    if (item.kind === "skip") {
      const held = item.prepared.reason === "endpoint_deleted" ? ({ status: "aborted", attempts: prior.attempts, nextAttemptAt: null } as const)
        : item.trigger === "manual" ? prior : ({ status: "held", attempts: prior.attempts, nextAttemptAt: null } as const);
      updates.push({ id: row.id, state: held, lastAttemptAt: null });
      outcomes.set(row.id, { deliveryId: row.id, succeeded: false, httpStatus: null, durationMs: 0, errorCode: item.prepared.reason, errorMessage: skipMessage[item.prepared.reason], status: held.status, nextAttemptAt: held.nextAttemptAt });
      continue;
    }
    // The endpoint was deleted while this attempt ran: nothing is written about it any more.
    if (endpointId && (!endpoint || endpoint.deleted)) continue;
    const { verdict, startedAt, trigger } = item;
    let endpointDisabled = false;
    if (endpoint) {
      const advanced = advanceEndpointHealth({ health: health.get(endpoint.id)!, succeeded: verdict.succeeded, at: startedAt, error: verdict.succeeded ? null : describeError(verdict), disableFor: verdict.disableEndpoint });
      health.set(endpoint.id, advanced.health);
      touched.add(endpoint.id);
      for (const notice of advanced.notices) notices.push({ endpoint, notice });
      endpointDisabled = advanced.health.status === "disabled";
    }
    const state = nextDeliveryState({ prior, verdict, trigger, now: startedAt, endpointDisabled, random: item.random });
    attempts.push({ deliveryId: row.id, attempt: item.prepared.attemptNumber, trigger, startedAt, verdict });
    updates.push({ id: row.id, state, lastAttemptAt: startedAt });
    outcomes.set(row.id, { deliveryId: row.id, succeeded: verdict.succeeded, httpStatus: verdict.httpStatus, durationMs: verdict.durationMs, errorCode: verdict.errorCode, errorMessage: verdict.errorMessage, status: state.status, nextAttemptAt: state.nextAttemptAt });
  }

  const changed = [...touched].map((id) => ({ id, h: health.get(id)! }));
  // One statement for the three writes: a round trip per batch, not per row or per table.
  await tx.$queryRaw`
    WITH inserted AS (
      INSERT INTO callback_attempts (delivery_id, attempt, trigger, started_at, duration_ms, http_status, response_excerpt, error_code, error_message, location, succeeded)
      SELECT v.delivery_id, v.attempt::int, v.trigger::"CallbackAttemptTrigger", v.started_at::timestamptz, v.duration_ms::int, v.http_status::int, v.excerpt, v.error_code, v.error_message, v.location, v.succeeded::boolean
      FROM unnest(${attempts.map((a) => a.deliveryId)}::text[], ${attempts.map((a) => String(a.attempt))}::text[], ${attempts.map((a) => a.trigger)}::text[],
                  ${attempts.map((a) => a.startedAt.toISOString())}::text[], ${attempts.map((a) => String(Math.max(0, Math.round(a.verdict.durationMs))))}::text[],
                  ${attempts.map((a) => (a.verdict.httpStatus === null ? null : String(a.verdict.httpStatus)))}::text[], ${attempts.map((a) => a.verdict.responseExcerpt)}::text[],
                  ${attempts.map((a) => a.verdict.errorCode)}::text[], ${attempts.map((a) => a.verdict.errorMessage)}::text[], ${attempts.map((a) => a.verdict.location)}::text[],
                  ${attempts.map((a) => String(a.verdict.succeeded))}::text[])
        AS v(delivery_id, attempt, trigger, started_at, duration_ms, http_status, excerpt, error_code, error_message, location, succeeded)
      RETURNING 1
    ), deliveries AS (
      UPDATE callback_deliveries d
      SET status = v.status::"CallbackDeliveryStatus", attempts = v.attempts::int, next_attempt_at = v.next_attempt_at::timestamptz, locked_until = NULL,
          last_attempt_at = coalesce(v.last_attempt_at::timestamptz, d.last_attempt_at)
      FROM unnest(${updates.map((u) => u.id)}::text[], ${updates.map((u) => u.state.status)}::text[], ${updates.map((u) => String(u.state.attempts))}::text[],
                  ${updates.map((u) => iso(u.state.nextAttemptAt))}::text[], ${updates.map((u) => iso(u.lastAttemptAt))}::text[])
        AS v(id, status, attempts, next_attempt_at, last_attempt_at)
      WHERE d.id = v.id
      RETURNING 1
    ), endpoints AS (
      UPDATE callback_endpoints e
      SET consecutive_failures = v.failures::int, failing_since = v.failing_since::timestamptz, last_error = v.last_error,
          status = v.status::"CallbackEndpointStatus", disabled_reason = v.disabled_reason, disabled_at = v.disabled_at::timestamptz
      FROM unnest(${changed.map((c) => c.id)}::text[], ${changed.map((c) => String(c.h.consecutiveFailures))}::text[], ${changed.map((c) => iso(c.h.failingSince))}::text[],
                  ${changed.map((c) => c.h.lastError)}::text[], ${changed.map((c) => c.h.status)}::text[], ${changed.map((c) => c.h.disabledReason)}::text[], ${changed.map((c) => iso(c.h.disabledAt))}::text[])
        AS v(id, failures, failing_since, last_error, status, disabled_reason, disabled_at)
      WHERE e.id = v.id
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM inserted)::int AS attempts, (SELECT count(*) FROM deliveries)::int AS deliveries, (SELECT count(*) FROM endpoints)::int AS endpoints`;
  const disabledNow = [...new Set(notices.filter((n) => n.notice === "disabled").map((n) => n.endpoint.id))];
  if (disabledNow.length > 0) {
    // Its waiting retries are held from now on (sent again when it is enabled); rows another dispatcher holds are held when it records them.
    await tx.$executeRaw`
      UPDATE callback_deliveries SET status = 'held', next_attempt_at = NULL
      WHERE endpoint_id = ANY(${disabledNow}::text[]) AND status IN ('pending', 'failed') AND locked_until IS NULL`;
  }
  for (const { endpoint, notice } of notices) {
    const h = health.get(endpoint.id)!;
    await recordSystemAudit({
      tx, companyId: endpoint.company_id, connectionId: endpoint.connection_id, action: noticeAction[notice],
      details: { endpointId: endpoint.id, url: endpoint.url, consecutiveFailures: String(h.consecutiveFailures), failingSince: iso(h.failingSince), lastError: h.lastError, reason: notice === "disabled" ? h.disabledReason : null },
    });
  }
  return outcomes;
};

const skipMessage: Record<Extract<TPrepared, { kind: "skip" }>["reason"], string> = {
  endpoint_paused: "The endpoint is paused: the delivery is held and sent when it is resumed.",
  endpoint_disabled: "The endpoint is disabled: the delivery is held and sent when it is enabled again.",
  endpoint_deleted: "The endpoint was deleted: nothing was sent.",
};

/** Writes a batch of finished attempts, skips and releases in one transaction; returns the outcome of each delivery it still held. */
export const recordAttempts = async ({ items }: { items: TFinished[] }): Promise<Map<string, TAttemptOutcome>> => {
  if (items.length === 0) return new Map();
  return db.$transaction((tx) => write({ tx, items }), { timeout: 30_000, maxWait: 10_000 });
};
