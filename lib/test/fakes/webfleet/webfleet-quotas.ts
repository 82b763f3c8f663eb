// Per-method request quotas of reference §1.2 (S: php-webfleet transcription of the
// reference guide), counted in a sliding window against the fake's injected clock.

export type TQuota = { limit: number; windowMs: number };
export type TQuotaTable = Record<string, TQuota>;

const MINUTE = 60_000;

/** Reference §1.2. createQueueExtern: 10/24 h (one other SDK says 1/24 h; override through options.quotas). */
export const DEFAULT_WEBFLEET_QUOTAS: TQuotaTable = {
  createQueueExtern: { limit: 10, windowMs: 24 * 60 * MINUTE },
  deleteQueueExtern: { limit: 10, windowMs: 24 * 60 * MINUTE },
  popQueueMessagesExtern: { limit: 10, windowMs: MINUTE },
  ackQueueMessagesExtern: { limit: 10, windowMs: MINUTE },
  showObjectReportExtern: { limit: 6, windowMs: MINUTE },
  showOrderReportExtern: { limit: 6, windowMs: MINUTE },
  showVehicleReportExtern: { limit: 10, windowMs: MINUTE },
  showTracks: { limit: 10, windowMs: MINUTE },
  createSession: { limit: 10, windowMs: MINUTE },
};

/** Creates a sliding-window counter; `take` answers false (and counts nothing) once the window is full. */
export const createQuotaCounter = ({ now }: { now: () => number }) => {
  const hits = new Map<string, number[]>();
  const take = ({ key, quota }: { key: string; quota: TQuota }) => {
    const since = now() - quota.windowMs;
    const recent = (hits.get(key) ?? []).filter((at) => at > since);
    if (recent.length >= quota.limit) {
      hits.set(key, recent);
      return false;
    }
    recent.push(now());
    hits.set(key, recent);
    return true;
  };
  return { take, reset: () => hits.clear() };
};
