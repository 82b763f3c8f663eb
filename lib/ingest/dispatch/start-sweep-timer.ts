import { sweepStrandedMessages } from "./sweep-stranded-messages";

const holder = globalThis as { __sweepTimer?: NodeJS.Timeout };

/** Without Inngest: runs the recovery sweep every 30 seconds in this process. */
export const startSweepTimer = (): void => {
  if (holder.__sweepTimer) return;
  const tick = () =>
    sweepStrandedMessages()
      .then((ids) => ids.length > 0 && console.log(`[ingest] recovery sweep re-dispatched ${ids.length} message(s)`))
      .catch((error) => console.error("[ingest] recovery sweep failed", error));
  holder.__sweepTimer = setInterval(tick, 30_000);
  holder.__sweepTimer.unref();
  void tick();
};
