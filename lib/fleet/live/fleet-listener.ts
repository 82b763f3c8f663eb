// One LISTEN per server process on the pipeline's NOTIFY channel, fanned out
// to this process's subscribers by company. PGlite delivers notifications
// in-process; on PostgreSQL a dedicated connection listens, so every app
// instance sharing the database hears every notification. A lost connection
// is re-established with back-off. NOTIFY never replays, so subscribers are
// told to resynchronise once LISTEN is in place again: told at the moment of
// the loss, they would reload before listening resumed and miss what came in
// between.
import pg from "pg";
import { getEmbeddedDatabase } from "@/lib/db/embedded-database";
import { env } from "@/lib/env";
import { FLEET_CHANNEL } from "@/lib/ingest/process/notify-listeners";
import { fleetHub, type TFleetSignal } from "./fleet-hub";

export type { TFleetSignal } from "./fleet-hub";

const deliver = (payload: string | undefined) => {
  try {
    const { companyId, messageIds } = JSON.parse(payload ?? "") as { companyId: string; messageIds: string[] };
    for (const messageId of messageIds) fleetHub.emitter.emit(companyId, { type: "message", messageId } satisfies TFleetSignal);
  } catch {
    console.error("[fleet-listener] ignored a malformed notification");
  }
};

const resyncEveryone = () => {
  for (const name of fleetHub.emitter.eventNames()) fleetHub.emitter.emit(name, { type: "resync" } satisfies TFleetSignal);
};

const retryDelayMs = (attempt: number) => Math.min(30_000, 500 * 2 ** attempt);

const listenOnPostgres = async ({ attempt, resumed }: { attempt: number; resumed: boolean }): Promise<void> => {
  const client = new pg.Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS });
  let listening = false;
  let lost = false;
  const onLost = (error?: unknown) => {
    // "error" and "end" both arrive for one loss; reconnect once.
    if (lost) return;
    lost = true;
    console.error("[fleet-listener] LISTEN connection lost:", error instanceof Error ? error.message : "connection ended");
    client.removeAllListeners();
    // A late socket error on the abandoned client must not become an unhandled "error" event.
    client.on("error", () => undefined);
    client.end().catch(() => undefined);
    // A connection that was listening starts a fresh back-off; a failed attempt backs off further.
    const next = listening ? 0 : attempt + 1;
    setTimeout(() => void listenOnPostgres({ attempt: next, resumed: resumed || listening }), retryDelayMs(next)).unref();
  };
  client.on("error", onLost);
  client.on("end", () => onLost());
  try {
    await client.connect();
    client.on("notification", (n) => deliver(n.payload));
    await client.query(`LISTEN ${FLEET_CHANNEL}`);
  } catch (error) {
    onLost(error);
    return;
  }
  if (lost) return;
  listening = true;
  if (resumed) console.log("[fleet-listener] listening again");
  // Subscribed meanwhile (or before the loss), they may have missed notifications: now they can reload safely.
  resyncEveryone();
};

const start = async () => {
  if (env.DATABASE_URL) return listenOnPostgres({ attempt: 0, resumed: false });
  await getEmbeddedDatabase().listen(FLEET_CHANNEL, deliver);
};

/** Calls `onSignal` for the company's fleet changes until the returned function is called. */
export const subscribeToFleet = async ({ companyId, onSignal }: { companyId: string; onSignal: (signal: TFleetSignal) => void }): Promise<() => void> => {
  fleetHub.started ??= start();
  await fleetHub.started;
  fleetHub.emitter.on(companyId, onSignal);
  return () => fleetHub.emitter.off(companyId, onSignal);
};
