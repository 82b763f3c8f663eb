// This process's fan-out of fleet notifications, by company. On globalThis so
// that dev reloads (and every module instance) share the one LISTEN.
import { EventEmitter } from "node:events";

export type TFleetSignal = { type: "message"; messageId: string } | { type: "resync" };

type THub = { emitter: EventEmitter; started?: Promise<void> };

const holder = globalThis as { __fleetListener?: THub };

export const fleetHub: THub = (holder.__fleetListener ??= { emitter: new EventEmitter().setMaxListeners(0) });
