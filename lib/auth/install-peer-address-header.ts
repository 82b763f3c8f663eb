// Runs once at server start (instrumentation.ts). Every HTTP request then
// carries its socket's address in PEER_ADDRESS_HEADER, set before Next sees the
// request, so a client-sent header of that name is overwritten, never believed.
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { PEER_ADDRESS_HEADER, PEER_ADDRESS_INSTALLED } from "./read-client-ip";

const stamp = (request: IncomingMessage): void => {
  const address = request.socket?.remoteAddress;
  if (address) request.headers[PEER_ADDRESS_HEADER] = address;
  else delete request.headers[PEER_ADDRESS_HEADER];
};

/** Makes every request of this process carry its socket address in PEER_ADDRESS_HEADER. */
export const installPeerAddressHeader = (): void => {
  const flags = globalThis as Record<symbol, unknown>;
  if (flags[PEER_ADDRESS_INSTALLED]) return;
  // `next start` creates its server before instrumentation runs and keeps no
  // handle to it; every server emits "request" through its prototype's emit.
  for (const prototype of [http.Server.prototype, https.Server.prototype]) {
    const emit = prototype.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request") stamp(args[0] as IncomingMessage);
      return emit.call(this, event, ...args);
    } as typeof prototype.emit;
  }
  flags[PEER_ADDRESS_INSTALLED] = true;
};
