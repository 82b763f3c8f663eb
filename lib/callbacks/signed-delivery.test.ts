// One signed attempt end to end: buildCallbackHeaders + sendOutboundRequest to a loopback receiver,
// which verifies what arrived the way an integrator would.
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterEach, expect, it } from "vitest";
import { createGuardedAgent } from "@/lib/net/create-guarded-agent";
import { parseAllowedCidrs } from "@/lib/net/parse-allowed-cidrs";
import { sendOutboundRequest } from "@/lib/net/send-outbound-request";
import { buildCallbackHeaders } from "./build-callback-headers";
import { generateCallbackSecret } from "./generate-callback-secret";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

it("arrives byte-exact and verifies with standardwebhooks and with the plain HMAC", async () => {
  const secret = generateCallbackSecret();
  const verdicts: { standard: boolean; plain: boolean; userAgent: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      let standard = true;
      try {
        new Webhook(secret).verify(raw.toString("utf8"), req.headers as Record<string, string>);
      } catch {
        standard = false;
      }
      const expected = createHmac("sha256", Buffer.from(secret.slice("whsec_".length), "base64")).update(raw).digest();
      const given = Buffer.from(String(req.headers["x-betakom-signature"]), "hex");
      verdicts.push({ standard, plain: given.length === expected.length && timingSafeEqual(given, expected), userAgent: req.headers["user-agent"] });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const parsed = parseAllowedCidrs("127.0.0.0/8");
  if (!parsed.ok) throw new Error("bad CIDR");
  const dispatcher = createGuardedAgent({ allowedCidrs: parsed.cidrs });
  closers.push(() => dispatcher.destroy());

  const body = JSON.stringify({ id: "msg_1", event_id: "evt_1", event_name: "inbound.message.processed", occurred_at: new Date().toISOString(), sequence: 1, data: { note: "ünïcødé" } });
  const headers = buildCallbackHeaders({ eventId: "evt_1", eventName: "inbound.message.processed", deliveryId: "dlv_1", attempt: 1, body, secrets: [{ kind: "whsec", value: secret }] });
  const result = await sendOutboundRequest({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callbacks`, method: "POST", headers, body, dispatcher });

  expect(result).toMatchObject({ kind: "response", status: 204 });
  expect(verdicts).toEqual([{ standard: true, plain: true, userAgent: "BetakomCarrierPortal-Webhooks/1.0 (+callbacks)" }]);
});
