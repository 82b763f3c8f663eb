// Server start-up: validate configuration (a bad variable stops start-up with
// its name), apply pending migrations on the embedded database, check the
// secrets' encryption keys against their probes, and, when Inngest is not
// configured, start in-process ingestion's recovery sweep, retention, callback
// delivery and the timed callback events.
import { env, isEmbeddedDatabase, isInngestEnabled } from "@/lib/env";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";
import { embeddedDataDir } from "@/lib/db/embedded-database";
import { startSweepTimer } from "@/lib/ingest/dispatch/start-sweep-timer";
import { startRetentionTimer } from "@/lib/retention/start-retention-timer";
import { checkSecretKeys } from "@/lib/crypto/check-secret-keys";
import { startTimedEventsTimer } from "@/lib/callbacks/events/start-timed-events-timer";
import { startPollScheduler } from "@/lib/connectors/pull/start-poll-scheduler";
import { startCallbackDispatcher, wakeCallbackDispatcher } from "@/lib/callbacks/deliver/start-callback-dispatcher";

/** Prepares this process to serve requests. */
export const startServer = async (): Promise<void> => {
  if (isEmbeddedDatabase()) {
    console.log(`[db] embedded PostgreSQL (PGlite) at ${embeddedDataDir()}; NODE_ENV=${env.NODE_ENV}`);
    const applied = await applyMigrations();
    if (applied.length > 0) console.log(`[db] applied migrations: ${applied.join(", ")}`);
  }
  await checkSecretKeys();
  if (isInngestEnabled()) {
    console.log("[ingest] processing with Inngest (recovery sweep: the recover-stranded-messages cron function)");
  } else {
    console.log(`[ingest] processing in this process, ${env.INGEST_CONCURRENCY} at a time (recovery sweep every 30 s)`);
    startSweepTimer();
    startRetentionTimer();
    console.log(`[callbacks] delivering in this process, ${env.CALLBACK_PER_ENDPOINT_CONCURRENCY} at a time per endpoint, ${env.CALLBACK_CONCURRENCY} in all`);
    startCallbackDispatcher();
    startTimedEventsTimer({ onEmitted: wakeCallbackDispatcher });
    startPollScheduler();
  }
};
