// Next gives route handlers and server actions no socket: under `next start` it
// only sets X-Forwarded-For to the socket address when the client sent none
// (`??=` in next/dist/server/base-server.js), so a client-sent value hides the
// real one. install-peer-address-header.ts therefore stamps the socket address
// on every request, replacing any client-sent copy of that header.
import { env } from "@/lib/env";
import { clientIp } from "./client-ip";

export const PEER_ADDRESS_HEADER = "x-portal-peer-address";

/** Set on globalThis once the header is stamped on every request (otherwise a client could send it). */
export const PEER_ADDRESS_INSTALLED = Symbol.for("carrier-portal.peer-address-header");

/** The client's address for throttling, from request headers and TRUSTED_PROXY_HOPS; null when unknown. */
export const readClientIp = ({ headers, trustedProxyHops = env.TRUSTED_PROXY_HOPS }: { headers: Headers | Record<string, unknown>; trustedProxyHops?: number }): string | null => {
  const read = (name: string): string | undefined => {
    const value = headers instanceof Headers ? headers.get(name) : headers[name];
    return typeof value === "string" ? value : undefined;
  };
  const installed = (globalThis as Record<symbol, unknown>)[PEER_ADDRESS_INSTALLED] === true;
  return clientIp({ peerAddress: installed ? read(PEER_ADDRESS_HEADER) : null, forwardedFor: read("x-forwarded-for"), trustedProxyHops });
};
