import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";
import { installPeerAddressHeader } from "./install-peer-address-header";
import { PEER_ADDRESS_HEADER, readClientIp } from "./read-client-ip";

describe("clientIp", () => {
  it("uses the socket address at 0 hops, whatever X-Forwarded-For says", () => {
    expect(clientIp({ peerAddress: "198.51.100.9", forwardedFor: "203.0.113.7", trustedProxyHops: 0 })).toBe("198.51.100.9");
    expect(clientIp({ peerAddress: "198.51.100.9", forwardedFor: "203.0.113.7, 10.0.0.1", trustedProxyHops: 0 })).toBe("198.51.100.9");
    expect(clientIp({ peerAddress: "198.51.100.9", forwardedFor: undefined, trustedProxyHops: 0 })).toBe("198.51.100.9");
  });

  it("takes the N-th entry from the right behind N trusted proxies", () => {
    // The client sent "1.1.1.1"; proxy 1 appended the client's real address, proxy 2 appended proxy 1's.
    const forwardedFor = "1.1.1.1, 203.0.113.7, 10.0.0.2";
    expect(clientIp({ peerAddress: "10.0.0.3", forwardedFor, trustedProxyHops: 1 })).toBe("10.0.0.2");
    expect(clientIp({ peerAddress: "10.0.0.3", forwardedFor, trustedProxyHops: 2 })).toBe("203.0.113.7");
    expect(clientIp({ peerAddress: "10.0.0.3", forwardedFor: "203.0.113.7", trustedProxyHops: 1 })).toBe("203.0.113.7");
  });

  it("falls back to the socket when there are fewer entries than trusted proxies", () => {
    expect(clientIp({ peerAddress: "198.51.100.9", forwardedFor: "203.0.113.7", trustedProxyHops: 2 })).toBe("198.51.100.9");
    expect(clientIp({ peerAddress: "198.51.100.9", forwardedFor: "", trustedProxyHops: 1 })).toBe("198.51.100.9");
  });

  it("normalises ports, brackets, case and IPv4-mapped IPv6", () => {
    expect(clientIp({ peerAddress: "::ffff:127.0.0.1", forwardedFor: null, trustedProxyHops: 0 })).toBe("127.0.0.1");
    expect(clientIp({ peerAddress: null, forwardedFor: "203.0.113.7:51000", trustedProxyHops: 1 })).toBe("203.0.113.7");
    expect(clientIp({ peerAddress: null, forwardedFor: "[2001:DB8::1]:443", trustedProxyHops: 1 })).toBe("2001:db8::1");
  });

  it("is null for an unknown or malformed address, so no shared key is made", () => {
    expect(clientIp({ peerAddress: undefined, forwardedFor: "203.0.113.7", trustedProxyHops: 0 })).toBeNull();
    expect(clientIp({ peerAddress: null, forwardedFor: "10.0.0.1, not-an-ip", trustedProxyHops: 1 })).toBeNull();
    expect(clientIp({ peerAddress: null, forwardedFor: "unknown", trustedProxyHops: 1 })).toBeNull();
  });
});

describe("readClientIp on a real HTTP server", () => {
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    installPeerAddressHeader();
    // Like `next start`: the server exists and listens; the headers a handler sees are what it reads.
    server = http.createServer((request, response) => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ hops0: readClientIp({ headers: request.headers, trustedProxyHops: 0 }), hops1: readClientIp({ headers: request.headers, trustedProxyHops: 1 }), stamped: request.headers[PEER_ADDRESS_HEADER] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("keys on the socket at 0 hops: a spoofed X-Forwarded-For or peer header changes nothing", async () => {
    const plain = await (await fetch(url)).json();
    const spoofed = await (await fetch(url, { headers: { "x-forwarded-for": "203.0.113.66", [PEER_ADDRESS_HEADER]: "203.0.113.66", "x-real-ip": "203.0.113.66" } })).json();
    expect(plain).toMatchObject({ hops0: "127.0.0.1", stamped: "127.0.0.1" });
    expect(spoofed).toMatchObject({ hops0: "127.0.0.1", stamped: "127.0.0.1" });
  });

  it("believes X-Forwarded-For only as far as the configured hops", async () => {
    const answer = await (await fetch(url, { headers: { "x-forwarded-for": "203.0.113.66, 198.51.100.4" } })).json();
    expect(answer).toMatchObject({ hops0: "127.0.0.1", hops1: "198.51.100.4" });
  });

  it("does not believe a peer header when nothing stamps it", () => {
    const flags = globalThis as Record<symbol, unknown>;
    const key = Symbol.for("carrier-portal.peer-address-header");
    flags[key] = undefined;
    try {
      expect(readClientIp({ headers: new Headers({ [PEER_ADDRESS_HEADER]: "203.0.113.66" }), trustedProxyHops: 0 })).toBeNull();
    } finally {
      flags[key] = true;
    }
  });
});
