import type { TTx } from "@/lib/db/client";
import type { TActor } from "@/lib/users/types";
import type { TCallbackEventName } from "@/lib/callbacks/catalogue";
import { emitEvents } from "./emit-events";

type TConnectionEventName = Extract<TCallbackEventName, `connections.${string}`>;

/** Emits a connection event caused by an admin, inside the change's transaction; `data` gets who and when. */
export const emitConnectionEvent = async ({ tx, actor, connectionId, eventName, data = {}, now = new Date() }: { tx: TTx; actor: TActor; connectionId: string; eventName: TConnectionEventName; data?: Record<string, unknown>; now?: Date }): Promise<void> => {
  const user = await tx.user.findUnique({ where: { id: actor.id }, select: { name: true } });
  await emitEvents({
    tx,
    now,
    events: [{ companyId: actor.companyId, connectionId, eventName, objectId: connectionId, occurredAt: now, data: { by: user?.name ?? "Unknown user", at: now.toISOString(), ...data } }],
  });
};
