// The undici Agent every outbound request goes through. Host names are checked in the connector's
// lookup (so the socket connects to the checked address), IP literals before connecting (net skips
// lookup for them), and the connected socket's peer once more as a last line.
import { isIP } from "node:net";
import { Agent, buildConnector } from "undici";
import { BlockedAddressError } from "./blocked-address-error";
import { createGuardedLookup, type TResolveHost } from "./create-guarded-lookup";
import { checkAddress } from "./is-public-address";
import type { TAllowedCidr } from "./parse-allowed-cidrs";

export type TGuardedAgentOptions = {
  allowedCidrs: readonly TAllowedCidr[];
  resolveHost?: TResolveHost;
  connectTimeoutMs?: number;
  /** How long an idle pooled connection is kept for the next request to the same origin. */
  keepAliveTimeoutMs?: number;
  /** Sockets kept per origin; further requests wait for one instead of opening a connection each. */
  connectionsPerOrigin?: number;
};

/** Creates an undici Agent (pooled, keep-alive per origin) that only connects to public or allowed addresses. */
export const createGuardedAgent = ({ allowedCidrs, resolveHost, connectTimeoutMs = 10_000, keepAliveTimeoutMs = 10_000, connectionsPerOrigin = 32 }: TGuardedAgentOptions): Agent => {
  const connectChecked = buildConnector({ timeout: connectTimeoutMs, lookup: createGuardedLookup({ allowedCidrs, resolveHost }) });
  const connect: buildConnector.connector = (options, callback) => {
    if (isIP(options.hostname)) {
      const check = checkAddress({ address: options.hostname, allowedCidrs });
      if (!check.allowed) return callback(new BlockedAddressError({ host: options.hostname, check }), null);
    }
    connectChecked(options, (error, socket) => {
      if (error || !socket) return callback(error ?? new Error("connect failed"), null);
      // A socket that closed at once has no peer: a network failure, not a refusal.
      if (!socket.remoteAddress) {
        socket.destroy();
        return callback(new Error("The connection closed before its address could be checked."), null);
      }
      const check = checkAddress({ address: socket.remoteAddress, allowedCidrs });
      if (!check.allowed) {
        socket.destroy();
        return callback(new BlockedAddressError({ host: options.hostname, check }), null);
      }
      callback(null, socket);
    });
  };
  return new Agent({ connect, keepAliveTimeout: keepAliveTimeoutMs, connections: connectionsPerOrigin });
};
