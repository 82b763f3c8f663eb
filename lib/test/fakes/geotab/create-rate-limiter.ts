// Fixed-window rate limits keyed by (method, typeName, user, database), as MyGeotab keys them (§2.3),
// answering OverLimitException + Retry-After when over and the X-Rate-Limit-* headers when under.
import { GeotabException } from "./geotab-exception";

export type TRateLimitRule = { method: string; typeName?: string; limit: number; periodMs: number };

/**
 * The documented limits (Geotab SDK concepts page, "Rate limits"): Authenticate 10 per minute per user, counting
 * failed attempts and every call that carries a password; GetFeed 1 per second per entity type.
 */
export const DEFAULT_RATE_LIMITS: TRateLimitRule[] = [
  { method: "Authenticate", limit: 10, periodMs: 60_000 },
  { method: "GetFeed", limit: 1, periodMs: 1_000 },
];

type TKey = { method: string; typeName?: string; userName: string; database: string };

const periodLabel = (ms: number) =>
  ms % 86_400_000 === 0 ? `${ms / 86_400_000}d` : ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : ms % 60_000 === 0 ? `${ms / 60_000}m` : `${Math.ceil(ms / 1_000)}s`;

/** A limiter over `rules()` (read on every call, so tests may change the rules at run time). */
export const createRateLimiter = ({ rules, now }: { rules: () => TRateLimitRule[]; now: () => number }) => {
  const windows = new Map<string, { startMs: number; used: number }>();
  return {
    /** Counts one call; throws OverLimitException when over, else returns the headers of the rule that applies. */
    take: (key: TKey): Record<string, string> => {
      const rule = rules().find((candidate) => candidate.method === key.method && (candidate.typeName === undefined || candidate.typeName === key.typeName));
      if (!rule) return {};
      // A rule without a typeName still counts each entity type apart, as the documented key does.
      const id = JSON.stringify([key.method, key.typeName ?? "", key.userName.toLowerCase(), key.database.toLowerCase()]);
      const at = now();
      let window = windows.get(id);
      if (!window || at >= window.startMs + rule.periodMs) windows.set(id, (window = { startMs: at, used: 0 }));
      const resetMs = window.startMs + rule.periodMs;
      if (window.used >= rule.limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((resetMs - at) / 1_000));
        throw new GeotabException("OverLimitException", `API calls quota exceeded. Maximum admitted ${rule.limit} per ${periodLabel(rule.periodMs)}.`, -32000, retryAfterSeconds);
      }
      window.used += 1;
      return {
        "x-rate-limit-limit": periodLabel(rule.periodMs),
        "x-rate-limit-remaining": String(rule.limit - window.used),
        "x-rate-limit-reset": new Date(resetMs).toISOString(),
      };
    },
  };
};
