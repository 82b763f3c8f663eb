// The live map's Server-Sent Events. Notifications carry message ids; once a
// second at most, the units those messages moved are sent (only those), with
// a "changed" event so the page refreshes what else it shows. "resync" asks
// the client to reload everything (after a gap nothing is replayed).
//
// Everything a stream holds (its subscription, timers, queued bytes) is
// released when the client leaves, whenever that happens; a client that does
// not read is sent nothing more until it has caught up, then one "resync";
// and the session is re-checked, so a removed user stops receiving.
import { db } from "@/lib/db/client";
import { unitsToGeoJson } from "@/lib/fleet/geojson";
import { listUnits } from "@/lib/fleet/list-units";
import { subscribeToFleet, type TFleetSignal } from "./fleet-listener";

export type TFleetStreamOptions = {
  coalesceMs: number;
  heartbeatMs: number;
  recheckMs: number;
  // Bytes queued for a client that has not read them, beyond which updates are dropped for a later "resync".
  highWaterMarkBytes: number;
};

const DEFAULTS: TFleetStreamOptions = { coalesceMs: 1_000, heartbeatMs: 15_000, recheckMs: 30_000, highWaterMarkBytes: 64 * 1024 };

type TInput = {
  companyId: string;
  signal: AbortSignal;
  // Asked every `recheckMs`; false (or an error: fail closed) ends the stream.
  stillAuthorized: () => Promise<boolean>;
  options?: Partial<TFleetStreamOptions>;
};

/** A text/event-stream body for one signed-in company, ending when the client goes away or is no longer authorised. */
export const fleetEventStream = ({ companyId, signal, stillAuthorized, options }: TInput): ReadableStream<Uint8Array> => {
  const { coalesceMs, heartbeatMs, recheckMs, highWaterMarkBytes } = { ...DEFAULTS, ...options };
  const encoder = new TextEncoder();
  const pending = new Set<string>();
  let owesResync = false;
  let flushTimer: NodeJS.Timeout | undefined;
  let flushing = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let recheck: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  let lastFlush = 0;
  let closed = false;
  let controller: ReadableStreamDefaultController<Uint8Array>;

  /** Releases everything; false when already released. */
  const release = (): boolean => {
    if (closed) return false;
    closed = true;
    clearTimeout(flushTimer);
    clearInterval(heartbeat);
    clearInterval(recheck);
    signal.removeEventListener("abort", close);
    unsubscribe?.();
    unsubscribe = undefined;
    pending.clear();
    return true;
  };
  const close = () => {
    if (release()) controller.close();
  };
  // desiredSize ≤ 0: the client has not read what is queued (the server's socket is full too).
  const hasRoom = () => (controller.desiredSize ?? 0) > 0;
  const write = (text: string) => {
    if (!closed) controller.enqueue(encoder.encode(text));
  };
  const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const sendOwedResync = () => {
    if (!owesResync || closed || !hasRoom()) return;
    owesResync = false;
    // The reload covers whatever was pending.
    pending.clear();
    send("resync", {});
  };

  const flush = async () => {
    flushTimer = undefined;
    lastFlush = Date.now();
    if (!hasRoom()) {
      // Not reading: drop instead of queuing without bound (and without querying); resynchronise once drained.
      pending.clear();
      owesResync = true;
      return;
    }
    if (owesResync) return sendOwedResync();
    // A resync sent meanwhile (on drain) covered what was pending.
    if (pending.size === 0) return;
    const messageIds = [...pending];
    pending.clear();
    const moved = await db.unit.findMany({ where: { companyId, latestMessageId: { in: messageIds } }, select: { id: true } });
    const units = moved.length ? await listUnits({ companyId, ids: moved.map((u) => u.id) }) : [];
    send("units", unitsToGeoJson(units));
    send("changed", { messageIds });
  };
  const schedule = () => {
    // One flush at a time per client: a slow database does not pile up queries.
    if (flushTimer || flushing || closed) return;
    if (pending.size === 0 && !owesResync) return;
    flushTimer = setTimeout(() => {
      flushing = true;
      flush()
        .catch((error) => {
          // The updates are lost: the client must reload.
          owesResync = true;
          console.error("[fleet-stream]", error);
        })
        .finally(() => {
          flushing = false;
          schedule();
        });
    }, Math.max(0, coalesceMs - (Date.now() - lastFlush)));
  };
  const onSignal = (s: TFleetSignal) => {
    if (closed) return;
    if (s.type === "resync") owesResync = true;
    else pending.add(s.messageId);
    schedule();
  };
  const recheckSession = async () => {
    try {
      if (!(await stillAuthorized())) close();
    } catch (error) {
      console.error("[fleet-stream] could not re-check the session; closing", error);
      close();
    }
  };

  return new ReadableStream<Uint8Array>(
    {
      start: async (c) => {
        controller = c;
        // An abort event already dispatched never fires again: a listener added now would wait forever.
        if (signal.aborted) {
          closed = true;
          return c.close();
        }
        signal.addEventListener("abort", close);
        // The retry hint: EventSource waits this long before reconnecting on its own.
        write("retry: 2000\n\n");
        try {
          const off = await subscribeToFleet({ companyId, onSignal });
          // The client left while we were subscribing.
          if (closed) return off();
          unsubscribe = off;
        } catch (error) {
          release();
          throw error;
        }
        send("ready", { at: new Date().toISOString() });
        heartbeat = setInterval(() => hasRoom() && write(": ping\n\n"), heartbeatMs);
        recheck = setInterval(() => void recheckSession(), recheckMs);
      },
      // Called when the client has read enough for the queue to be below its high-water mark.
      pull: () => sendOwedResync(),
      cancel: () => void release(),
    },
    { highWaterMark: highWaterMarkBytes, size: (chunk) => chunk.byteLength },
  );
};
