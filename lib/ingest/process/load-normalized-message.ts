// Loads a landed message and normalises it. The clock is the message's own
// arrival time and the settings are those it was first normalised with, so
// normalising it again (a retry, a re-run after a settings change) gives the
// same receipt; each step of a run loads it, so a small per-process cache
// spares the re-parsing.
import { db } from "@/lib/db/client";
import { readSettings, type TConnectionSettings } from "@/lib/integrations/connection-settings";
import { normalizeEnvelope, type TNormalized } from "@/lib/ingest/normalize/normalize-envelope";
import type { TIssue } from "@/lib/ingest/normalize/types";

export type TLoadedMessage = { id: string; companyId: string; connectionId: string; receivedAt: Date; dryRun: boolean; settings: TConnectionSettings; normalized: TNormalized };

/** The raw body is gone (retention), so the message cannot be normalised again. */
export class MessageBodyMissing extends Error {
  constructor(messageId: string) {
    super(`Message ${messageId} has no raw body any more (removed by retention)`);
  }
}

const cache = new Map<string, TLoadedMessage>();
const CACHE_SIZE = 64;

const parse = (body: Uint8Array): { envelope: unknown; issue?: TIssue } => {
  try {
    return { envelope: JSON.parse(Buffer.from(body).toString("utf8")) };
  } catch {
    // The front door only lands JSON objects; this guards messages landed another way.
    return { envelope: {}, issue: { severity: "dropped", section: "positions", index: null, reason: "invalid_type", detail: "The body is not valid JSON" } };
  }
};

/** The message and its normalised content; null when it does not exist. */
export const loadNormalizedMessage = async ({ messageId }: { messageId: string }): Promise<TLoadedMessage | null> => {
  const cached = cache.get(messageId);
  if (cached) return cached;
  const row = await db.inboundMessage.findUnique({ where: { id: messageId }, include: { connection: { select: { settings: true } } } });
  if (!row) return null;
  if (!row.body) throw new MessageBodyMissing(messageId);
  const settings = readSettings(row.normalizedWith ?? row.connection.settings);
  const { envelope, issue } = parse(row.body);
  const normalized = normalizeEnvelope({
    envelope,
    messageId,
    limits: { now: row.receivedAt, maxFutureMs: settings.maxFutureSeconds * 1000, maxAgeMs: settings.maxAgeSeconds === null ? null : settings.maxAgeSeconds * 1000 },
    acceptCallbackUrl: settings.acceptCallbackUrl,
  });
  if (issue) normalized.issues.unshift(issue);
  const loaded = { id: row.id, companyId: row.companyId, connectionId: row.connectionId, receivedAt: row.receivedAt, dryRun: row.dryRun, settings, normalized };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(messageId, loaded);
  return loaded;
};

/** Forgets a cached message (after processing, or in tests). */
export const forgetNormalizedMessage = (messageId: string): void => {
  cache.delete(messageId);
};
