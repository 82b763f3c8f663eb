/** "1 minute", "15 minutes": how long until a throttled action may be tried again (at least a minute). */
export const formatRetryAfter = (retryAfterMs: number): string => {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
};
