import { db } from "@/lib/db/client";

export type TMessageStats = { lastMessageAt: Date | null; messages24h: number; dropped24h: number };

const none: TMessageStats = { lastMessageAt: null, messages24h: 0, dropped24h: 0 };

/** Per connection: last message time, messages and dropped entries in the last 24 hours (index-driven, per connection). */
export const messageStats = async ({ companyId, connectionIds, now = new Date() }: { companyId: string; connectionIds: string[]; now?: Date }): Promise<Map<string, TMessageStats>> => {
  if (connectionIds.length === 0) return new Map();
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const rows = await db.$queryRaw<{ id: string; last: Date | null; messages: bigint; dropped: bigint }[]>`
    SELECT c.id, m.last, s.messages, s.dropped
    FROM connections c
    LEFT JOIN LATERAL (SELECT received_at AS last FROM inbound_messages WHERE connection_id = c.id ORDER BY received_at DESC LIMIT 1) m ON true
    LEFT JOIN LATERAL (
      SELECT count(*) AS messages, coalesce(sum(dropped_total), 0) AS dropped
      FROM inbound_messages WHERE connection_id = c.id AND received_at > ${since}
    ) s ON true
    WHERE c.company_id = ${companyId} AND c.id = ANY(${connectionIds})`;
  return new Map(rows.map((r) => [r.id, { lastMessageAt: r.last, messages24h: Number(r.messages), dropped24h: Number(r.dropped) }]));
};

/** Stats for one connection (zeros when it has none). */
export const statsFor = (stats: Map<string, TMessageStats>, connectionId: string): TMessageStats => stats.get(connectionId) ?? none;
