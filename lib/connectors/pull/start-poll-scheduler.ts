// Without Inngest, pull connectors are polled by this process: every second
// it claims due connections from PostgreSQL (SKIP LOCKED, so several
// instances share them) and runs their bounded cycles, a few at a time.
import type { Dispatcher } from "undici";
import { claimDuePolls } from "./claim-due-polls";
import { runPollCycle } from "./run-poll-cycle";

const TICK_MS = 1_000;
const CONCURRENCY = 2;
// A cycle is at most 20 pages; its claim outlives a slow one, and a crashed instance's runs out.
export const POLL_LEASE_MS = 10 * 60_000;

type TScheduler = { timer: NodeJS.Timeout | null; running: number; stopped: boolean; idle: (() => void)[] };
const holder = globalThis as { __pollScheduler?: TScheduler };

/** Starts the in-process poll scheduler (once per process); returns a function that stops it. */
export const startPollScheduler = ({ tickMs = TICK_MS, dispatcher }: { tickMs?: number; dispatcher?: Dispatcher } = {}): (() => void) => {
  if (holder.__pollScheduler && !holder.__pollScheduler.stopped) return () => stopPollScheduler();
  const s: TScheduler = { timer: null, running: 0, stopped: false, idle: [] };
  holder.__pollScheduler = s;
  const tick = async () => {
    try {
      const room = CONCURRENCY - s.running;
      const claims = room > 0 ? await claimDuePolls({ limit: room, leaseMs: POLL_LEASE_MS }) : [];
      for (const claim of claims) {
        s.running += 1;
        void runPollCycle({ ...claim, dispatcher })
          .catch((error) => console.error(`[connectors] poll cycle of ${claim.connectionId} failed:`, error))
          .finally(() => {
            s.running -= 1;
            if (s.running === 0) s.idle.splice(0).forEach((resolve) => resolve());
          });
      }
    } catch (error) {
      console.error("[connectors] claiming due polls failed:", error instanceof Error ? error.message : error);
    }
    if (!s.stopped) {
      s.timer = setTimeout(() => void tick(), tickMs);
      s.timer.unref();
    }
  };
  void tick();
  return () => stopPollScheduler();
};

/** Stops the scheduler; resolves when the cycles in flight have ended. */
export const stopPollScheduler = async (): Promise<void> => {
  const s = holder.__pollScheduler;
  if (!s) return;
  s.stopped = true;
  if (s.timer) clearTimeout(s.timer);
  if (s.running > 0) await new Promise<void>((resolve) => s.idle.push(resolve));
  holder.__pollScheduler = undefined;
};
