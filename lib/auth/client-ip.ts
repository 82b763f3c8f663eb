// Which address a sign-in or sign-up is counted against. X-Forwarded-For is
// written by whoever sends the request: only the entries appended by proxies we
// run are believed, and with none (the default) only the socket's own address.
import { isIP } from "node:net";

// "203.0.113.7:51000" and "[2001:db8::1]:443": some proxies append the port.
const normalizeAddress = (raw: string | null | undefined): string | null => {
  let value = (raw ?? "").trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; one client, one key.
  if (/^::ffff:\d{1,3}(?:\.\d{1,3}){3}$/i.test(value)) value = value.slice(7);
  return isIP(value) ? value.toLowerCase() : null;
};

/**
 * The client's address: with `trustedProxyHops` 0 the socket's peer; with N, the
 * N-th X-Forwarded-For entry from the right (the one the outermost of N trusted
 * proxies appended). Null when that address is unknown or not an IP address.
 */
export const clientIp = ({ peerAddress, forwardedFor, trustedProxyHops }: { peerAddress: string | null | undefined; forwardedFor: string | null | undefined; trustedProxyHops: number }): string | null => {
  if (trustedProxyHops <= 0) return normalizeAddress(peerAddress);
  const entries = (forwardedFor ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  // Fewer entries than proxies: the request did not come through all of them,
  // so every entry may be the client's own invention; the socket is what really connected.
  if (entries.length < trustedProxyHops) return normalizeAddress(peerAddress);
  return normalizeAddress(entries[entries.length - trustedProxyHops]);
};
