// The SSRF guard's address rule: only what ipaddr.js calls "unicast" (a public, routable address),
// after unwrapping IPv4-mapped IPv6, unless an OUTBOUND_ALLOWED_CIDRS network contains it.
import ipaddr from "ipaddr.js";
import type { TAllowedCidr } from "./parse-allowed-cidrs";

export type TAddressCheck = { allowed: boolean; address: string; range: string; exempted: boolean };

// Deprecated IPv4-compatible IPv6 (::a.b.c.d, RFC 4291 §2.5.5.1): ipaddr.js calls it unicast,
// but it embeds an IPv4 address (::7f00:1 is 127.0.0.1) and no public host uses it.
const ipv4Compatible = ipaddr.parseCIDR("::/96");

const inAllowed = (address: ipaddr.IPv4 | ipaddr.IPv6, allowedCidrs: readonly TAllowedCidr[]): boolean =>
  allowedCidrs.some(({ network }) => network[0].kind() === address.kind() && address.match(network));

const rangeOf = (address: ipaddr.IPv4 | ipaddr.IPv6): string => {
  if (address.kind() === "ipv6" && address.match(ipv4Compatible) && address.range() === "unicast") return "ipv4Compatible";
  return address.range();
};

/**
 * Checks whether the portal may connect to an IP address: allowed when its range is unicast or an
 * allowed CIDR contains it (in its written or its unwrapped IPv4 form). Anything that is not an IP
 * address is refused.
 */
export const checkAddress = ({ address, allowedCidrs = [] }: { address: string; allowedCidrs?: readonly TAllowedCidr[] }): TAddressCheck => {
  const text = address.replace(/^\[|\]$/g, "");
  // Only the canonical forms DNS answers and URL host names have; ipaddr.js would also read "1.2.3".
  if (!ipaddr.IPv4.isValidFourPartDecimal(text) && !ipaddr.IPv6.isValid(text)) return { allowed: false, address: text, range: "invalid", exempted: false };
  const written = ipaddr.parse(text);
  const unwrapped = written.kind() === "ipv6" && (written as ipaddr.IPv6).isIPv4MappedAddress() ? (written as ipaddr.IPv6).toIPv4Address() : written;
  const range = rangeOf(unwrapped);
  const canonical = unwrapped.toString();
  if (range === "unicast") return { allowed: true, address: canonical, range, exempted: false };
  const exempted = inAllowed(written, allowedCidrs) || inAllowed(unwrapped, allowedCidrs);
  return { allowed: exempted, address: canonical, range, exempted };
};

/** True when the portal may connect to this IP address (see checkAddress). */
export const isPublicAddress = ({ address, allowedCidrs = [] }: { address: string; allowedCidrs?: readonly TAllowedCidr[] }): boolean =>
  checkAddress({ address, allowedCidrs }).allowed;
