// Token buckets per connection, in this process. With several server
// processes each holds its own buckets, so the effective limit multiplies.
type TBucket = { tokens: number; updatedAt: number };
type TLimit = { key: string; perSecond: number; burst: number; nowMs?: number };

const buckets = new Map<string, TBucket>();
const MAX_BUCKETS = 100_000;

/** The bucket refilled up to now (created full). */
const refilled = ({ key, perSecond, burst, nowMs = performance.now() }: TLimit): TBucket => {
  const bucket = buckets.get(key) ?? { tokens: burst, updatedAt: nowMs };
  bucket.tokens = Math.min(burst, bucket.tokens + ((nowMs - bucket.updatedAt) / 1000) * perSecond);
  bucket.updatedAt = nowMs;
  if (!buckets.has(key)) {
    if (buckets.size >= MAX_BUCKETS) buckets.clear();
    buckets.set(key, bucket);
  }
  return bucket;
};

const waitSeconds = (bucket: TBucket, perSecond: number) => Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));

/** Takes one token; returns 0 when allowed, else the seconds until one is available. */
export const takeToken = (limit: TLimit): number => {
  const bucket = refilled(limit);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return waitSeconds(bucket, limit.perSecond);
};

/** Like takeToken, without taking: 0 when a token is available now, else the seconds to wait. */
export const peekToken = (limit: TLimit): number => {
  const bucket = refilled(limit);
  return bucket.tokens >= 1 ? 0 : waitSeconds(bucket, limit.perSecond);
};

/** Forgets every bucket (tests). */
export const resetRateLimits = (): void => buckets.clear();
