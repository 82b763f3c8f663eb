// Per-connection settings, stored as JSON on the connection. Absent values
// take the defaults below (or the deployment's, for the rate limit).
import { z } from "zod";
import { env } from "@/lib/env";

export const ZConnectionSettings = z.object({
  // Off by default: the specification signs the body alone.
  requireTimestamp: z.boolean().default(false),
  maxFutureSeconds: z.number().int().min(0).max(86_400).default(300),
  // Null: no maximum age, so carriers can backfill history.
  maxAgeSeconds: z.number().int().min(60).max(10 * 365 * 86_400).nullable().default(null),
  rateLimitPerSecond: z.number().min(0.1).max(100_000).nullable().default(null),
  rateLimitBurst: z.number().int().min(1).max(1_000_000).nullable().default(null),
  // A top-level "callback_url" in an envelope also receives the events about that message's objects.
  acceptCallbackUrl: z.boolean().default(true),
  // monitoring.unit.silent fires after this long without a fix from a unit.
  silenceThresholdMinutes: z.number().int().min(5).max(7 * 24 * 60).default(30),
});

export type TConnectionSettings = z.infer<typeof ZConnectionSettings>;

/** Reads stored settings; anything unreadable falls back to the defaults. */
export const readSettings = (stored: unknown): TConnectionSettings => {
  const parsed = ZConnectionSettings.safeParse(stored ?? {});
  return parsed.success ? parsed.data : ZConnectionSettings.parse({});
};

/** The token bucket for a connection: its own limit, or the deployment's default. */
export const rateLimitOf = (settings: TConnectionSettings): { perSecond: number; burst: number } => ({
  perSecond: settings.rateLimitPerSecond ?? env.INBOUND_RATE_LIMIT_PER_SECOND,
  burst: settings.rateLimitBurst ?? env.INBOUND_RATE_LIMIT_BURST,
});
