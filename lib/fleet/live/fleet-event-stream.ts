// The live map's Server-Sent Events. Notifications carry message ids; once a
// second at most, the units those messages moved are sent (only those), with
// a "changed" event so the page refreshes what else it shows. "resync" asks
// the client to reload everything (after a gap nothing is replayed).
import { db } from "@/lib/db/client";
import { unitsToGeoJson } from "@/lib/fleet/geojson";
import { listUnits } from "@/lib/fleet/list-units";
import { subscribeToFleet, type TFleetSignal } from "./fleet-listener";

const COALESCE_MS = 1_000;
const HEARTBEAT_MS = 15_000;

/** A text/event-stream body for one signed-in company, ending when the client goes away. */
export const fleetEventStream = ({ companyId, signal }: { companyId: string; signal: AbortSignal }): ReadableStream<Uint8Array> => {
  const encoder = new TextEncoder();
  const pending = new Set<string>();
  let resync = false;
  let timer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  let lastFlush = 0;
  let closed = false;

  return new ReadableStream<Uint8Array>({
    start: async (controller) => {
      const send = (event: string, data: unknown) => {
        if (!closed) controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        clearTimeout(timer);
        clearInterval(heartbeat);
        unsubscribe?.();
        controller.close();
      };
      const flush = async () => {
        timer = undefined;
        lastFlush = Date.now();
        if (resync) {
          resync = false;
          pending.clear();
          return send("resync", {});
        }
        const messageIds = [...pending];
        pending.clear();
        const moved = await db.unit.findMany({ where: { companyId, latestMessageId: { in: messageIds } }, select: { id: true } });
        const units = moved.length ? await listUnits({ companyId, ids: moved.map((u) => u.id) }) : [];
        send("units", unitsToGeoJson(units));
        send("changed", { messageIds });
      };
      const schedule = () => {
        if (timer || closed) return;
        timer = setTimeout(() => void flush().catch((e) => console.error("[fleet-stream]", e)), Math.max(0, COALESCE_MS - (Date.now() - lastFlush)));
      };
      const onSignal = (s: TFleetSignal) => {
        if (s.type === "resync") resync = true;
        else pending.add(s.messageId);
        schedule();
      };
      signal.addEventListener("abort", close);
      // The retry hint: EventSource waits this long before reconnecting on its own.
      controller.enqueue(encoder.encode("retry: 2000\n\n"));
      unsubscribe = await subscribeToFleet({ companyId, onSignal });
      send("ready", { at: new Date().toISOString() });
      heartbeat = setInterval(() => !closed && controller.enqueue(encoder.encode(": ping\n\n")), HEARTBEAT_MS);
    },
    cancel: () => {
      closed = true;
      clearTimeout(timer);
      clearInterval(heartbeat);
      unsubscribe?.();
    },
  });
};
