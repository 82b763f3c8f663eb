// A token bucket per connection, in this process. With several server
// processes each holds its own buckets, so the effective limit multiplies.
type TBucket = { tokens: number; updatedAt: number };

const buckets = new Map<string, TBucket>();
const MAX_BUCKETS = 100_000;

/** Takes one token; returns 0 when allowed, else the seconds until one is available. */
export const takeToken = ({ key, perSecond, burst, nowMs = performance.now() }: { key: string; perSecond: number; burst: number; nowMs?: number }): number => {
  const bucket = buckets.get(key) ?? { tokens: burst, updatedAt: nowMs };
  bucket.tokens = Math.min(burst, bucket.tokens + ((nowMs - bucket.updatedAt) / 1000) * perSecond);
  bucket.updatedAt = nowMs;
  if (!buckets.has(key)) {
    if (buckets.size >= MAX_BUCKETS) buckets.clear();
    buckets.set(key, bucket);
  }
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
};

/** Forgets every bucket (tests). */
export const resetRateLimits = (): void => buckets.clear();
