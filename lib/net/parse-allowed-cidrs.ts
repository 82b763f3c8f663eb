// OUTBOUND_ALLOWED_CIDRS: networks exempt from the SSRF guard (on-premise receivers, tests).
// Imported by lib/env (which next.config.ts loads too), so relative imports only.
import ipaddr from "ipaddr.js";

export type TAllowedCidr = { text: string; network: [ipaddr.IPv4 | ipaddr.IPv6, number] };
export type TParsedCidrs = { ok: true; cidrs: TAllowedCidr[] } | { ok: false; invalid: string[] };

/** Parses one entry: a CIDR, or a bare address meaning just that address. Null when it is neither. */
const parseEntry = (entry: string): TAllowedCidr | null => {
  const [address, bits, ...rest] = entry.split("/");
  if (!address || rest.length > 0) return null;
  // ipaddr.js also takes "10.1" or "0x0a.0.0.1" as IPv4; a configuration should say what it means.
  const isV4 = ipaddr.IPv4.isValidFourPartDecimal(address);
  if (!isV4 && !ipaddr.IPv6.isValid(address)) return null;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).zoneId) return null;
  const max = isV4 ? 32 : 128;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return null;
  const prefix = bits === undefined ? max : Number(bits);
  if (prefix > max) return null;
  return { text: `${parsed.toString()}/${prefix}`, network: [parsed, prefix] };
};

/** Parses a comma-separated list of CIDRs (empty means none), naming every entry that is not one. */
export const parseAllowedCidrs = (text: string): TParsedCidrs => {
  const entries = text.split(",").map((e) => e.trim()).filter((e) => e !== "");
  const cidrs: TAllowedCidr[] = [];
  const invalid: string[] = [];
  for (const entry of entries) {
    const cidr = parseEntry(entry);
    if (cidr) cidrs.push(cidr);
    else invalid.push(entry);
  }
  return invalid.length > 0 ? { ok: false, invalid } : { ok: true, cidrs };
};
