// The lookup on its own: no socket is opened here, the answers come from an injected resolver.
import type { LookupAddress, LookupOptions } from "node:dns";
import { describe, expect, it } from "vitest";
import { BlockedAddressError } from "./blocked-address-error";
import { createGuardedLookup, type TResolvedAddress } from "./create-guarded-lookup";
import { checkAddress } from "./is-public-address";
import { parseAllowedCidrs } from "./parse-allowed-cidrs";

type TLookupResult = { error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };

const lookupWith = ({ answers, allowed = "" }: { answers: TResolvedAddress[]; allowed?: string }) => {
  const parsed = parseAllowedCidrs(allowed);
  if (!parsed.ok) throw new Error(parsed.invalid.join(", "));
  const lookup = createGuardedLookup({ allowedCidrs: parsed.cidrs, resolveHost: async () => answers });
  return (options: LookupOptions) =>
    new Promise<TLookupResult>((resolve) => lookup("receiver.example", options, (error, address, family) => resolve({ error, address, family })));
};

describe("createGuardedLookup", () => {
  it("hands public answers to the socket: all of them, or the first", async () => {
    const lookup = lookupWith({ answers: [{ address: "8.8.8.8", family: 4 }, { address: "2001:4860:4860::8888", family: 6 }] });
    expect(await lookup({ all: true })).toEqual({ error: null, address: [{ address: "8.8.8.8", family: 4 }, { address: "2001:4860:4860::8888", family: 6 }], family: undefined });
    expect(await lookup({})).toEqual({ error: null, address: "8.8.8.8", family: 4 });
    expect(await lookup({ family: 6 })).toEqual({ error: null, address: "2001:4860:4860::8888", family: 6 });
  });

  it("refuses when any answer is not public, whatever its position (public first, loopback second)", async () => {
    const { error } = await lookupWith({ answers: [{ address: "8.8.8.8", family: 4 }, { address: "127.0.0.1", family: 4 }] })({ all: true });
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect(error?.message).toMatch(/receiver\.example resolves to 127\.0\.0\.1, which is a loopback address/);
  });

  it.each(["10.1.2.3", "169.254.169.254", "100.64.1.1", "fd00::5", "::ffff:192.168.0.1", "0.0.0.0"])("refuses an answer of %s", async (address) => {
    const { error } = await lookupWith({ answers: [{ address, family: address.includes(":") ? 6 : 4 }] })({});
    expect(error).toBeInstanceOf(BlockedAddressError);
  });

  it("passes an allowed private answer", async () => {
    expect(await lookupWith({ answers: [{ address: "10.20.0.5", family: 4 }], allowed: "10.20.0.0/16" })({})).toEqual({ error: null, address: "10.20.0.5", family: 4 });
  });

  it("answers ENOTFOUND when no address of the wanted family exists", async () => {
    const { error } = await lookupWith({ answers: [{ address: "8.8.8.8", family: 4 }] })({ family: 6 });
    expect(error?.code).toBe("ENOTFOUND");
  });
});

describe("BlockedAddressError", () => {
  it.each([
    ["10.0.0.1", "10.0.0.1", /Refused to connect: 10\.0\.0\.1 is a private \(RFC 1918\) address\./],
    ["169.254.169.254", "169.254.169.254", /169\.254\.169\.254 is a link-local address \(this includes cloud metadata services/],
    ["100.64.0.1", "100.64.0.1", /100\.64\.0\.1 is a carrier-grade NAT address/],
    ["fd00::1", "fd00::1", /fd00::1 is a unique-local IPv6 address/],
    ["[::ffff:a00:1]", "::ffff:a00:1", /::ffff:a00:1 \(10\.0\.0\.1\) is a private/],
    ["hooks.example", "192.168.1.1", /hooks\.example resolves to 192\.168\.1\.1, which is a private/],
  ])("names %s, what it is, and the setting that exempts it", (host, address, message) => {
    const error = new BlockedAddressError({ host, check: checkAddress({ address }) });
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/OUTBOUND_ALLOWED_CIDRS/);
  });
});
