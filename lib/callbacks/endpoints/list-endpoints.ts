import { db } from "@/lib/db/client";
import type { CallbackDeliveryStatus } from "@/lib/db/generated/enums";
import { isInGrace } from "@/lib/integrations/grace";
import { FAILING_AFTER_CONSECUTIVE_FAILURES, type TEndpointView } from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;

type TStatsRow = { endpoint_id: string; attempts: number; succeeded: number };
type TLastRow = { endpoint_id: string; id: string; at: Date; status: CallbackDeliveryStatus; event_name: string };
type TCountRow = { endpoint_id: string; status: CallbackDeliveryStatus; n: number };

/**
 * The live endpoints of a connection of the company (a deleted connection's too, for its read-only page), oldest
 * first, each with its health: 24-hour success rate of attempts, last delivery, and what is held or retrying.
 * Pass `endpointId` for one only. Another company's connection has none.
 */
export const listEndpoints = async ({ companyId, connectionId, endpointId, now = new Date() }: { companyId: string; connectionId?: string; endpointId?: string; now?: Date }): Promise<TEndpointView[]> => {
  const rows = await db.callbackEndpoint.findMany({
    where: { companyId, deletedAt: null, ...(connectionId ? { connectionId } : {}), ...(endpointId ? { id: endpointId } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const since = new Date(now.getTime() - DAY_MS);
  const [stats, last, counts] = await Promise.all([
    db.$queryRaw<TStatsRow[]>`
      SELECT d.endpoint_id, count(*)::int AS attempts, count(*) FILTER (WHERE a.succeeded)::int AS succeeded
      FROM callback_attempts a JOIN callback_deliveries d ON d.id = a.delivery_id
      WHERE d.endpoint_id = ANY(${ids}::text[]) AND d.company_id = ${companyId} AND a.started_at > ${since} AND a.started_at <= ${now}
      GROUP BY d.endpoint_id`,
    db.$queryRaw<TLastRow[]>`
      SELECT DISTINCT ON (d.endpoint_id) d.endpoint_id, d.id, COALESCE(d.last_attempt_at, d.created_at) AS at, d.status, d.event_name
      FROM callback_deliveries d
      WHERE d.endpoint_id = ANY(${ids}::text[]) AND d.company_id = ${companyId}
      ORDER BY d.endpoint_id, COALESCE(d.last_attempt_at, d.created_at) DESC, d.id DESC`,
    db.$queryRaw<TCountRow[]>`
      SELECT d.endpoint_id, d.status, count(*)::int AS n
      FROM callback_deliveries d
      WHERE d.endpoint_id = ANY(${ids}::text[]) AND d.company_id = ${companyId} AND d.status IN ('held', 'failed', 'exhausted')
      GROUP BY d.endpoint_id, d.status`,
  ]);
  const countOf = (id: string, status: CallbackDeliveryStatus) => counts.find((c) => c.endpoint_id === id && c.status === status)?.n ?? 0;
  return rows.map((r): TEndpointView => {
    const s = stats.find((x) => x.endpoint_id === r.id);
    const l = last.find((x) => x.endpoint_id === r.id);
    return {
      id: r.id, connectionId: r.connectionId, url: r.url, description: r.description, eventTypes: r.eventTypes, status: r.status,
      disabledReason: r.disabledReason, disabledAt: r.disabledAt, lastError: r.lastError, consecutiveFailures: r.consecutiveFailures, failingSince: r.failingSince,
      failing: r.status === "active" && r.consecutiveFailures >= FAILING_AFTER_CONSECUTIVE_FAILURES,
      secretHint: r.secretHint, secretIssuedAt: r.secretIssuedAt,
      previousSecretExpiresAt: r.previousSecretCiphertext && isInGrace({ expiresAt: r.previousSecretExpiresAt, now }) ? r.previousSecretExpiresAt : null,
      createdAt: r.createdAt,
      attempts24h: s?.attempts ?? 0, succeeded24h: s?.succeeded ?? 0, successRate24h: s && s.attempts > 0 ? s.succeeded / s.attempts : null,
      lastDelivery: l ? { id: l.id, at: l.at, status: l.status, eventName: l.event_name } : null,
      held: countOf(r.id, "held"), retrying: countOf(r.id, "failed"), exhausted: countOf(r.id, "exhausted"),
    };
  });
};
