// Without Inngest, retention runs in this process: shortly after start, then
// hourly. Several instances may run it at once: every statement skips rows
// another has locked, so they share the work instead of waiting.
import { applyRetention } from "./apply-retention";

const FIRST_RUN_MS = 60_000;
const EVERY_MS = 60 * 60_000;

const holder = globalThis as { __retentionTimer?: { stop: () => void } };

/** Starts the in-process retention timer (once per process); returns a function that stops it. */
export const startRetentionTimer = ({ firstRunMs = FIRST_RUN_MS, everyMs = EVERY_MS }: { firstRunMs?: number; everyMs?: number } = {}): (() => void) => {
  if (holder.__retentionTimer) return holder.__retentionTimer.stop;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  // The next run is scheduled when one ends, so a long run never overlaps the next.
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => void run(), ms);
    // A pending purge must not keep the process alive.
    timer.unref();
  };
  const run = async () => {
    try {
      const counts = await applyRetention();
      if (Object.values(counts).some((n) => n > 0)) console.log("[retention] purged", JSON.stringify(counts));
    } catch (error) {
      console.error("[retention] purge failed", error);
    }
    schedule(everyMs);
  };
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    holder.__retentionTimer = undefined;
  };
  holder.__retentionTimer = { stop };
  schedule(firstRunMs);
  return stop;
};
