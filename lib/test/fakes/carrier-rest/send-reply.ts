// Sends a route's reply, or lets a queued fault decide how it goes wrong.
import type { ServerResponse } from "node:http";
import { formatRetryAfter } from "./format-retry-after";
import type { TReply } from "./reply";
import type { TFakeFault } from "./types";

/** A fault that answers instead of the route (a proxy, load balancer or limiter in front of the API). */
export const faultReply = (fault: Extract<TFakeFault, { kind: "status" }>): TReply => ({
  status: fault.status,
  headers: { "content-type": fault.contentType ?? "application/json; charset=utf-8", ...(fault.retryAfter ? { "retry-after": formatRetryAfter(fault.retryAfter) } : {}) },
  body: fault.body ?? JSON.stringify({ message: `Injected ${fault.status}` }),
});

/** Writes `reply`; `malformedJson` cuts the body in half (status kept), `hang/afterHeaders` stalls after sending half of it. Returns the status sent. */
export const sendReply = ({ res, reply, fault }: { res: ServerResponse; reply: TReply; fault: TFakeFault | null }): number => {
  const body = Buffer.from(reply.body, "utf8");
  if (fault?.kind === "malformedJson") {
    const half = body.subarray(0, Math.floor(body.length / 2));
    res.writeHead(reply.status, { ...reply.headers, "content-type": "application/json; charset=utf-8", "content-length": String(half.length) }).end(half);
    return reply.status;
  }
  if (fault?.kind === "hang" && fault.stage === "afterHeaders") {
    // Content-Length promises the whole body, so the client waits for the rest until it times out.
    res.writeHead(reply.status, { ...reply.headers, "content-length": String(body.length) });
    res.write(body.subarray(0, Math.floor(body.length / 2)));
    return reply.status;
  }
  res.writeHead(reply.status, { ...reply.headers, "content-length": String(body.length) }).end(body);
  return reply.status;
};
