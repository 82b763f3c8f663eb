// Without Inngest, the timed events (silent units, expired offers, grace
// ending) are checked in this process every minute. Several instances may
// run it at once: rows are claimed with SKIP LOCKED and marked in the same
// transaction, and grace notices carry a dedupe key, so each is reported once.
import { emitTimedEvents } from "./emit-timed-events";

const EVERY_MS = 60_000;

const holder = globalThis as { __timedEventsTimer?: { stop: () => void } };

/** Starts the timer (once per process); returns a function that stops it. */
export const startTimedEventsTimer = ({ everyMs = EVERY_MS, onEmitted }: { everyMs?: number; onEmitted?: () => void } = {}): (() => void) => {
  if (holder.__timedEventsTimer) return holder.__timedEventsTimer.stop;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void run(), everyMs);
    timer.unref();
  };
  const run = async () => {
    try {
      const counts = await emitTimedEvents();
      if (Object.values(counts).some((n) => n > 0)) onEmitted?.();
    } catch (error) {
      console.error("[callbacks] timed events failed", error);
    }
    schedule();
  };
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    holder.__timedEventsTimer = undefined;
  };
  holder.__timedEventsTimer = { stop };
  schedule();
  return stop;
};
