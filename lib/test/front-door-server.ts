// Serves the real front-door route handler over real HTTP (node:http), for
// integration tests that do not need a whole Next server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { POST } from "@/app/api/v1/carriers-module/my-company/integrations/inbound/[connector]/[token]/route";
import { db } from "@/lib/db/client";
import { whenQueueIdle } from "@/lib/ingest/dispatch/in-process-queue";

const ROUTE = /^\/api\/v1\/carriers-module\/my-company\/integrations\/inbound\/([^/]+)\/([^/]+)$/;

export type TFrontDoor = { origin: string; close: () => Promise<void> };

export const startFrontDoor = async (): Promise<TFrontDoor> => {
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const match = ROUTE.exec(url.pathname);
    if (!match || req.method !== "POST") return void res.writeHead(404).end();
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    const request = new Request(url, { method: "POST", headers, body, duplex: "half" } as RequestInit);
    const response = await POST(request, { params: Promise.resolve({ connector: match[1]!, token: match[2]! }) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
};

/** Waits until every landed message has been processed (or has failed) in this process. */
export const settle = async ({ timeoutMs = 15_000 }: { timeoutMs?: number } = {}): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    await whenQueueIdle();
    const open = await db.inboundMessage.count({ where: { status: { in: ["received", "processing"] } } });
    if (open === 0) return;
    if (Date.now() > deadline) throw new Error(`${open} message(s) still unprocessed after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
