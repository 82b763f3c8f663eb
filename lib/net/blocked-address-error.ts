// Raised inside the guarded agent's connector; sendOutboundRequest turns it into `blocked_address`.
import { isIP } from "node:net";
import type { TAddressCheck } from "./is-public-address";

const rangeWords: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private (RFC 1918) address",
  linkLocal: "a link-local address (this includes cloud metadata services such as 169.254.169.254)",
  carrierGradeNat: "a carrier-grade NAT address (100.64.0.0/10)",
  uniqueLocal: "a unique-local IPv6 address (fc00::/7)",
  multicast: "a multicast address",
  unspecified: "the unspecified address",
  broadcast: "the broadcast address",
  reserved: "a reserved or documentation address",
  ipv4Compatible: "an IPv4-compatible IPv6 address (::/96)",
  rfc6052: "a NAT64 address (64:ff9b::/96)",
  "6to4": "a 6to4 address (2002::/16)",
  teredo: "a Teredo address (2001::/32)",
  invalid: "not an IP address",
};

/** The refusal of a non-public address; its message names the host and address and how to exempt it, nothing else. */
export class BlockedAddressError extends Error {
  readonly code = "BLOCKED_ADDRESS";
  readonly address: string;
  readonly range: string;

  constructor({ host, check }: { host: string; check: TAddressCheck }) {
    const what = rangeWords[check.range] ?? `not a public address (range "${check.range}")`;
    const literal = host.replace(/^\[|\]$/g, "");
    const subject = literal === check.address ? check.address : isIP(literal) ? `${literal} (${check.address})` : `${host} resolves to ${check.address}, which`;
    super(`Refused to connect: ${subject} is ${what}. Outbound requests go to public addresses only; an administrator can exempt this network with OUTBOUND_ALLOWED_CIDRS.`);
    this.name = "BlockedAddressError";
    this.address = check.address;
    this.range = check.range;
  }
}
