// One LISTEN per server process on the pipeline's NOTIFY channel, fanned out
// to this process's subscribers by company. PGlite delivers notifications
// in-process; on PostgreSQL a dedicated connection listens, so every app
// instance sharing the database hears every notification. A lost connection
// is re-established with back-off, and subscribers are told to resynchronise,
// because NOTIFY never replays what was sent meanwhile.
import { EventEmitter } from "node:events";
import pg from "pg";
import { getEmbeddedDatabase } from "@/lib/db/embedded-database";
import { env } from "@/lib/env";
import { FLEET_CHANNEL } from "@/lib/ingest/process/notify-listeners";

export type TFleetSignal = { type: "message"; messageId: string } | { type: "resync" };

type TListener = { emitter: EventEmitter; started?: Promise<void> };
const holder = globalThis as { __fleetListener?: TListener };
const listener: TListener = (holder.__fleetListener ??= { emitter: new EventEmitter().setMaxListeners(0) });

const deliver = (payload: string | undefined) => {
  try {
    const { companyId, messageIds } = JSON.parse(payload ?? "") as { companyId: string; messageIds: string[] };
    for (const messageId of messageIds) listener.emitter.emit(companyId, { type: "message", messageId } satisfies TFleetSignal);
  } catch {
    console.error("[fleet-listener] ignored a malformed notification");
  }
};

const listenOnPostgres = async (attempt = 0): Promise<void> => {
  const client = new pg.Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS });
  const reconnect = () => {
    client.removeAllListeners();
    client.end().catch(() => undefined);
    for (const name of listener.emitter.eventNames()) listener.emitter.emit(name, { type: "resync" } satisfies TFleetSignal);
    setTimeout(() => void listenOnPostgres(attempt + 1), Math.min(30_000, 500 * 2 ** attempt)).unref();
  };
  client.on("error", reconnect);
  try {
    await client.connect();
    client.on("notification", (n) => deliver(n.payload));
    await client.query(`LISTEN ${FLEET_CHANNEL}`);
    if (attempt > 0) console.log("[fleet-listener] listening again");
  } catch (error) {
    console.error("[fleet-listener] could not listen:", error instanceof Error ? error.message : error);
    reconnect();
  }
};

const start = async () => {
  if (env.DATABASE_URL) return listenOnPostgres();
  await getEmbeddedDatabase().listen(FLEET_CHANNEL, deliver);
};

/** Calls `onSignal` for the company's fleet changes until the returned function is called. */
export const subscribeToFleet = async ({ companyId, onSignal }: { companyId: string; onSignal: (signal: TFleetSignal) => void }): Promise<() => void> => {
  listener.started ??= start();
  await listener.started;
  listener.emitter.on(companyId, onSignal);
  return () => listener.emitter.off(companyId, onSignal);
};
