import { describe, expect, it } from "vitest";
import { checkAddress, isPublicAddress } from "./is-public-address";
import { parseAllowedCidrs, type TAllowedCidr } from "./parse-allowed-cidrs";

const cidrs = (text: string): TAllowedCidr[] => {
  const parsed = parseAllowedCidrs(text);
  if (!parsed.ok) throw new Error(`bad test CIDRs: ${parsed.invalid.join(", ")}`);
  return parsed.cidrs;
};

describe("checkAddress: what the SSRF guard refuses", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.10", "private"],
    ["169.254.169.254", "linkLocal"],
    ["169.254.0.1", "linkLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["100.127.255.254", "carrierGradeNat"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["255.255.255.255", "broadcast"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["192.0.2.1", "reserved"],
    ["198.18.0.1", "reserved"],
    ["240.0.0.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "linkLocal"],
    ["fe80::1%eth0", "linkLocal"],
    ["fc00::1", "uniqueLocal"],
    ["fd12:3456:789a::1", "uniqueLocal"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
    ["64:ff9b::a00:1", "rfc6052"],
    ["2002:a00:1::1", "6to4"],
    ["2001::1", "teredo"],
    ["::7f00:1", "ipv4Compatible"],
    ["[::1]", "loopback"],
  ])("refuses %s (%s)", (address, range) => {
    const check = checkAddress({ address });
    expect(check).toMatchObject({ allowed: false, range, exempted: false });
    expect(isPublicAddress({ address })).toBe(false);
  });

  it.each([
    ["::ffff:127.0.0.1", "127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "10.0.0.1", "private"],
    ["::ffff:a00:1", "10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "169.254.169.254", "linkLocal"],
    ["::ffff:100.64.0.1", "100.64.0.1", "carrierGradeNat"],
    ["::FFFF:C0A8:0101", "192.168.1.1", "private"],
  ])("unwraps the IPv4-mapped %s to %s and refuses it (%s)", (address, unwrapped, range) => {
    expect(checkAddress({ address })).toEqual({ allowed: false, address: unwrapped, range, exempted: false });
  });

  it("allows a public IPv4-mapped address as its IPv4 form", () => {
    expect(checkAddress({ address: "::ffff:8.8.8.8" })).toEqual({ allowed: true, address: "8.8.8.8", range: "unicast", exempted: false });
  });

  it.each(["8.8.8.8", "1.1.1.1", "93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "2a00:1450:4001:82a::200e"])("allows the public address %s", (address) => {
    expect(checkAddress({ address })).toMatchObject({ allowed: true, range: "unicast" });
  });

  it.each(["localhost", "example.com", "", "1.2.3", "::g"])("refuses %j, which is not an IP address", (address) => {
    expect(checkAddress({ address })).toMatchObject({ allowed: false, range: "invalid" });
  });
});

describe("checkAddress: OUTBOUND_ALLOWED_CIDRS exemptions", () => {
  const allowedCidrs = cidrs("127.0.0.0/8,::1/128,10.20.0.0/16,fd00:1234::/32");

  it.each([
    ["127.0.0.1", "loopback"],
    ["127.9.9.9", "loopback"],
    ["::1", "loopback"],
    ["10.20.3.4", "private"],
    ["fd00:1234:5678::1", "uniqueLocal"],
    // The mapped form of an allowed IPv4 address is the same host.
    ["::ffff:10.20.3.4", "private"],
  ])("exempts %s", (address, range) => {
    expect(checkAddress({ address, allowedCidrs })).toMatchObject({ allowed: true, range, exempted: true });
  });

  it.each(["10.21.0.1", "192.168.1.1", "169.254.169.254", "fd00:1235::1", "::ffff:10.21.0.1", "::2"])("still refuses %s outside the listed networks", (address) => {
    expect(checkAddress({ address, allowedCidrs })).toMatchObject({ allowed: false, exempted: false });
  });

  it("exempts a single address without a prefix length", () => {
    expect(isPublicAddress({ address: "192.168.7.7", allowedCidrs: cidrs("192.168.7.7") })).toBe(true);
    expect(isPublicAddress({ address: "192.168.7.8", allowedCidrs: cidrs("192.168.7.7") })).toBe(false);
  });
});
