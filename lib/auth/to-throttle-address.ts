import { isIPv6 } from "node:net";

// An IPv6 customer usually holds a whole /64 (2^64 addresses): counting per
// address would let one client spray past the limit.
const prefix64 = (ip: string): string => {
  const [head = "", tail] = ip.split("%")[0]!.split("::");
  const groups = (part: string | undefined) => (part ? part.split(":").flatMap((g) => (g.includes(".") ? ["0", "0"] : [g])) : []);
  const left = groups(head);
  const right = groups(tail);
  const all = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
};

/** The part of a client address a throttle counts against: the address itself, or an IPv6 address's /64. */
export const toThrottleAddress = (ip: string): string => (isIPv6(ip) ? prefix64(ip) : ip);
