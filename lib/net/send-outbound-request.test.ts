// Every receiver here listens on loopback; nothing in this file reaches any other address.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Agent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { createGuardedAgent } from "./create-guarded-agent";
import type { TResolveHost } from "./create-guarded-lookup";
import { parseAllowedCidrs, type TAllowedCidr } from "./parse-allowed-cidrs";
import { sendOutboundRequest, type TOutboundResult } from "./send-outbound-request";

type TReceiver = { port: number; requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string; localAddress: string }[]; connections: () => number; close: () => Promise<void> };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const startReceiver = async ({ host = "127.0.0.1", handler }: { host?: string; handler?: http.RequestListener } = {}): Promise<TReceiver> => {
  const requests: TReceiver["requests"] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString(), localAddress: req.socket.localAddress ?? "" });
      if (handler) handler(req, res);
      else res.writeHead(200, { "content-type": "text/plain", "x-receiver": "yes" }).end("ok");
    });
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  cleanups.push(close);
  return { port: (server.address() as AddressInfo).port, requests, connections: () => connections, close };
};

const cidrs = (text: string): TAllowedCidr[] => {
  const parsed = parseAllowedCidrs(text);
  if (!parsed.ok) throw new Error(parsed.invalid.join(", "));
  return parsed.cidrs;
};

const agentFor = ({ allowed, resolveHost }: { allowed: string; resolveHost?: TResolveHost }): Agent => {
  const agent = createGuardedAgent({ allowedCidrs: cidrs(allowed), resolveHost });
  cleanups.push(() => agent.destroy());
  return agent;
};

const expectError = (result: TOutboundResult, code: string) => {
  expect(result.kind).toBe("error");
  if (result.kind !== "error") throw new Error("unreachable");
  expect(result.code).toBe(code);
  return result;
};

const expectResponse = (result: TOutboundResult) => {
  if (result.kind !== "response") throw new Error(`expected a response, got ${JSON.stringify(result)}`);
  return result;
};

describe("sendOutboundRequest with the loopback networks allowed", () => {
  it("delivers method, headers and body and returns status, lower-case headers, excerpt and duration", async () => {
    const receiver = await startReceiver();
    const dispatcher = agentFor({ allowed: "127.0.0.0/8,::1/128" });
    const result = expectResponse(await sendOutboundRequest({ url: `http://127.0.0.1:${receiver.port}/hook?x=1`, method: "POST", headers: { "content-type": "application/json", "X-Custom": "A" }, body: '{"a":1}', dispatcher }));
    expect(result).toMatchObject({ status: 200, bodyExcerpt: "ok", bodyTruncated: false, headers: { "content-type": "text/plain", "x-receiver": "yes" } });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(receiver.requests).toMatchObject([{ method: "POST", url: "/hook?x=1", body: '{"a":1}', headers: { "content-type": "application/json", "x-custom": "A" } }]);
  });

  it("reaches IPv6 loopback and a host name resolving to loopback", async () => {
    const v6 = await startReceiver({ host: "::1" });
    const v4 = await startReceiver();
    const dispatcher = agentFor({ allowed: "127.0.0.0/8,::1/128" });
    expect(expectResponse(await sendOutboundRequest({ url: `http://[::1]:${v6.port}/`, dispatcher })).status).toBe(200);
    expect(expectResponse(await sendOutboundRequest({ url: `http://localhost:${v4.port}/`, dispatcher })).status).toBe(200);
    expect(v6.requests).toHaveLength(1);
    expect(v4.requests).toHaveLength(1);
  });

  it("caps sockets per origin: concurrent requests share the pool instead of opening a connection each", async () => {
    const receiver = await startReceiver();
    const dispatcher = createGuardedAgent({ allowedCidrs: cidrs("127.0.0.0/8"), connectionsPerOrigin: 4 });
    cleanups.push(() => dispatcher.destroy());
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => sendOutboundRequest({ url: `http://127.0.0.1:${receiver.port}/c${i}`, method: "POST", body: "x", dispatcher })));
    expect(results.every((r) => r.kind === "response" && r.status === 200)).toBe(true);
    expect(receiver.requests).toHaveLength(40);
    expect(receiver.connections()).toBeLessThanOrEqual(4);
  });

  it("reuses one pooled connection for sequential requests to the same origin", async () => {
    const receiver = await startReceiver();
    const dispatcher = agentFor({ allowed: "127.0.0.0/8" });
    for (let i = 0; i < 25; i++) {
      expect(expectResponse(await sendOutboundRequest({ url: `http://127.0.0.1:${receiver.port}/n${i}`, method: "POST", body: "x", dispatcher })).status).toBe(200);
    }
    expect(receiver.requests).toHaveLength(25);
    // undici may open a second socket while the first finishes its response; never one per request.
    expect(receiver.connections()).toBeLessThanOrEqual(2);
  });

  it("does not follow redirects: the 3xx comes back with its location", async () => {
    const receiver = await startReceiver({ handler: (_req, res) => res.writeHead(302, { location: "/elsewhere" }).end("moved") });
    const dispatcher = agentFor({ allowed: "127.0.0.0/8" });
    const result = expectResponse(await sendOutboundRequest({ url: `http://127.0.0.1:${receiver.port}/start`, method: "POST", body: "{}", dispatcher }));
    expect(result.status).toBe(302);
    expect(result.headers.location).toBe("/elsewhere");
    expect(result.bodyExcerpt).toBe("moved");
    expect(receiver.requests.map((r) => r.url)).toEqual(["/start"]);
  });

  it("keeps the first 4 KB of a 1 MB response and discards the rest", async () => {
    const receiver = await startReceiver({ handler: (_req, res) => res.writeHead(200).end("a".repeat(4_000) + "b".repeat(1024 * 1024 - 4_000)) });
    const dispatcher = agentFor({ allowed: "127.0.0.0/8" });
    const result = expectResponse(await sendOutboundRequest({ url: `http://127.0.0.1:${receiver.port}/big`, dispatcher }));
    expect(result.status).toBe(200);
    expect(result.bodyTruncated).toBe(true);
    expect(result.bodyExcerpt).toHaveLength(4_096);
    expect(result.bodyExcerpt).toBe("a".repeat(4_000) + "b".repeat(96));
  });

  it("cuts the excerpt at a byte limit without a broken character", async () => {
    const receiver = await startReceiver({ handler: (_req, res) => res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("é".repeat(50)) });
    const dispatcher = agentFor({ allowed: "127.0.0.0/8" });
    const url = `http://127.0.0.1:${receiver.port}/`;
    expect(expectResponse(await sendOutboundRequest({ url, maxResponseBytes: 11, dispatcher }))).toMatchObject({ bodyExcerpt: "ééééé", bodyTruncated: true });
    expect(expectResponse(await sendOutboundRequest({ url, maxResponseBytes: 100, dispatcher }))).toMatchObject({ bodyExcerpt: "é".repeat(50), bodyTruncated: false });
  });

  it("times out a server that never answers", async () => {
    const receiver = await startReceiver({ handler: () => undefined });
    const dispatcher = agentFor({ allowed: "127.0.0.0/8" });
    const result = expectError(await sendOutboundRequest({ url: `http://127.0.0.1:${receiver.port}/`, method: "POST", body: "{}", timeoutMs: 300, dispatcher }), "timeout");
    expect(result.message).toBe("No complete response within 300 ms.");
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(result.durationMs).toBeLessThan(3_000);
  });

  it("times out a response whose body stalls: the timeout covers reading the excerpt", async () => {
    const receiver = await startReceiver({ handler: (_req, res) => { res.writeHead(200); res.write("partial"); } });
    const dispatcher = agentFor({ allowed: "127.0.0.0/8" });
    expectError(await sendOutboundRequest({ url: `http://127.0.0.1:${receiver.port}/`, timeoutMs: 300, dispatcher }), "timeout");
  });

  it("reports a closed port as network_error", async () => {
    const receiver = await startReceiver();
    await receiver.close();
    const dispatcher = agentFor({ allowed: "127.0.0.0/8" });
    const result = expectError(await sendOutboundRequest({ url: `http://127.0.0.1:${receiver.port}/`, dispatcher }), "network_error");
    expect(result.message).toMatch(/ECONNREFUSED/);
  });
});

describe("sendOutboundRequest: the SSRF guard with nothing allowed", () => {
  it.each([
    ["http://127.0.0.1:PORT/hook", "127.0.0.1", /127\.0\.0\.1 is a loopback address/],
    ["http://[::1]:PORT/hook", "::1", /::1 is a loopback address/],
    ["http://[::ffff:127.0.0.1]:PORT/hook", "127.0.0.1", /::ffff:7f00:1 \(127\.0\.0\.1\) is a loopback address/],
    ["http://2130706433:PORT/hook", "127.0.0.1", /127\.0\.0\.1 is a loopback address/],
    ["http://localhost:PORT/hook", "127.0.0.1", /localhost resolves to 127\.0\.0\.1, which is a loopback address/],
  ])("refuses %s before connecting", async (template, _address, message) => {
    const receiver = await startReceiver({ host: template.includes("[::1]") ? "::1" : "127.0.0.1" });
    const dispatcher = agentFor({ allowed: "" });
    const result = expectError(await sendOutboundRequest({ url: template.replace("PORT", String(receiver.port)) + "?token=s3cret", method: "POST", body: "{}", dispatcher }), "blocked_address");
    expect(result.message).toMatch(message);
    expect(result.message).toMatch(/OUTBOUND_ALLOWED_CIDRS/);
    expect(result.message).not.toMatch(/s3cret|hook/);
    expect(receiver.connections()).toBe(0);
    expect(receiver.requests).toHaveLength(0);
  });

  it("is the default: without a dispatcher the process's agent (OUTBOUND_ALLOWED_CIDRS unset in tests) refuses loopback", async () => {
    const receiver = await startReceiver();
    expectError(await sendOutboundRequest({ url: `http://127.0.0.1:${receiver.port}/` }), "blocked_address");
    expect(receiver.connections()).toBe(0);
  });
});

describe("sendOutboundRequest: DNS answers decide and are used for the connect", () => {
  it("refuses a name whose answer mixes an allowed address with a blocked one, and connects to neither", async () => {
    const receiver = await startReceiver();
    // 127.0.0.1 stands in for a public address here: it is the only one allowed.
    const resolveHost: TResolveHost = async () => [{ address: "127.0.0.1", family: 4 }, { address: "127.0.0.2", family: 4 }];
    const dispatcher = agentFor({ allowed: "127.0.0.1/32", resolveHost });
    const result = expectError(await sendOutboundRequest({ url: `http://receiver.test:${receiver.port}/`, dispatcher }), "blocked_address");
    expect(result.message).toMatch(/receiver\.test resolves to 127\.0\.0\.2, which is a loopback address/);
    expect(receiver.connections()).toBe(0);
  });

  it("resolves once per connection and connects to the address it checked; a rebound answer is refused, not used", async () => {
    let calls = 0;
    const resolveHost: TResolveHost = async (hostname) => {
      calls++;
      expect(hostname).toBe("receiver.test");
      return calls === 1 ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "127.0.0.2", family: 4 }];
    };
    // The receiver closes each connection, so the second request has to connect (and resolve) again.
    const receiver = await startReceiver({ handler: (_req, res) => res.writeHead(200, { connection: "close" }).end("first") });
    const dispatcher = agentFor({ allowed: "127.0.0.1/32", resolveHost });
    const url = `http://receiver.test:${receiver.port}/`;

    const first = expectResponse(await sendOutboundRequest({ url, dispatcher }));
    expect(first.bodyExcerpt).toBe("first");
    expect(calls).toBe(1);
    // The name only ever meant 127.0.0.1 through the checked answer, and that is where the socket went.
    expect(receiver.requests.map((r) => r.localAddress)).toEqual(["127.0.0.1"]);
    expect(receiver.requests[0]?.headers.host).toBe(`receiver.test:${receiver.port}`);

    const second = expectError(await sendOutboundRequest({ url, dispatcher }), "blocked_address");
    expect(calls).toBe(2);
    expect(second.message).toMatch(/127\.0\.0\.2/);
    expect(receiver.connections()).toBe(1);
  });

  it("reports a name that does not resolve as network_error", async () => {
    const resolveHost: TResolveHost = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.test"), { code: "ENOTFOUND" });
    };
    const dispatcher = agentFor({ allowed: "", resolveHost });
    expect(expectError(await sendOutboundRequest({ url: "http://nowhere.test/", dispatcher }), "network_error").message).toMatch(/ENOTFOUND/);
  });
});

describe("sendOutboundRequest: URLs it will not send to", () => {
  it.each([
    ["not a url", /not an absolute URL/],
    ["/relative/path", /not an absolute URL/],
    ["ftp://example.com/file", /Only http:\/\/ and https:\/\/ URLs.*ftp:/],
    ["file:///etc/passwd", /Only http:\/\/ and https:\/\//],
    ["javascript:alert(1)", /Only http:\/\/ and https:\/\//],
    ["http://user:password@127.0.0.1/", /user name or password/],
    ["http://127.0.0.1:6667/", /Port 6667 is one that HTTP clients refuse/],
  ])("%s is invalid_url", async (url, message) => {
    const result = expectError(await sendOutboundRequest({ url, dispatcher: agentFor({ allowed: "127.0.0.0/8" }) }), "invalid_url");
    expect(result.message).toMatch(message);
    expect(result.message).not.toMatch(/password@/);
  });
});
