// A real HTTP receiver on loopback for callback delivery tests: records every
// request (raw body and headers) and answers as the test says.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createGuardedAgent } from "@/lib/net/create-guarded-agent";
import { parseAllowedCidrs } from "@/lib/net/parse-allowed-cidrs";
import type { TCallbackTransport } from "@/lib/callbacks/deliver/types";

export type TReceived = { path: string; headers: IncomingHttpHeaders; body: string };
export type TAnswer = (request: TReceived, response: ServerResponse) => void | Promise<void>;

const ok: TAnswer = (_request, response) => void response.writeHead(200, { "content-type": "text/plain" }).end("ok");

/** Starts a receiver on 127.0.0.1; `answer` may be replaced at any time. */
export const startCallbackReceiver = async (answer: TAnswer = ok) => {
  const received: TReceived[] = [];
  const state = { answer };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = { path: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(request);
      void Promise.resolve(state.answer(request, res)).catch(() => res.destroy());
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    received,
    answerWith: (next: TAnswer) => void (state.answer = next),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
};

/** A transport whose guard lets requests reach loopback (OUTBOUND_ALLOWED_CIDRS=127.0.0.0/8), with a short timeout when asked. */
export const loopbackTransport = ({ timeoutMs }: { timeoutMs?: number } = {}): TCallbackTransport => {
  const parsed = parseAllowedCidrs("127.0.0.0/8");
  if (!parsed.ok) throw new Error("unreachable");
  return { dispatcher: createGuardedAgent({ allowedCidrs: parsed.cidrs }), timeoutMs };
};

/** A transport with the default (empty) allow-list: loopback is refused. */
export const guardedTransport = (): TCallbackTransport => ({ dispatcher: createGuardedAgent({ allowedCidrs: [] }) });
