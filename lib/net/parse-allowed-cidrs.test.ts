import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { parseAllowedCidrs } from "./parse-allowed-cidrs";

describe("parseAllowedCidrs", () => {
  it("reads comma-separated IPv4 and IPv6 CIDRs, ignoring blanks and spaces", () => {
    const parsed = parseAllowedCidrs(" 127.0.0.0/8, ::1/128 ,,10.20.0.0/16,FD00:1234::/32,192.168.7.7");
    expect(parsed.ok && parsed.cidrs.map((c) => c.text)).toEqual(["127.0.0.0/8", "::1/128", "10.20.0.0/16", "fd00:1234::/32", "192.168.7.7/32"]);
  });

  it("is empty for an empty value", () => {
    expect(parseAllowedCidrs("")).toEqual({ ok: true, cidrs: [] });
  });

  it("names every entry that is not a CIDR", () => {
    expect(parseAllowedCidrs("10.0.0.0/8,10.0.0.0/33,10.1/16,localhost,::1/129,1.2.3.4/8/1,10.0.0.0/x")).toEqual({
      ok: false,
      invalid: ["10.0.0.0/33", "10.1/16", "localhost", "::1/129", "1.2.3.4/8/1", "10.0.0.0/x"],
    });
  });
});

describe("OUTBOUND_ALLOWED_CIDRS in the env module", () => {
  it("defaults to no exemptions", () => {
    expect(parseEnv({}).OUTBOUND_ALLOWED_CIDRS).toEqual([]);
    expect(parseEnv({ OUTBOUND_ALLOWED_CIDRS: "" }).OUTBOUND_ALLOWED_CIDRS).toEqual([]);
  });

  it("parses the networks", () => {
    expect(parseEnv({ OUTBOUND_ALLOWED_CIDRS: "127.0.0.0/8,::1/128" }).OUTBOUND_ALLOWED_CIDRS.map((c) => c.text)).toEqual(["127.0.0.0/8", "::1/128"]);
  });

  it("stops start-up naming the variable and the bad entry", () => {
    expect(() => parseEnv({ OUTBOUND_ALLOWED_CIDRS: "127.0.0.0/8,10.0.0.0/40" })).toThrow(/OUTBOUND_ALLOWED_CIDRS: must be comma-separated CIDRs[^\n]*"10\.0\.0\.0\/40"/);
  });
});
