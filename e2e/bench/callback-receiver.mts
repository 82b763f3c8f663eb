// A callback receiver for `npm run bench:callbacks`, run as its own process
// (so its work does not share the dispatcher's event loop): node:http on
// 127.0.0.1, verifies every request's Standard Webhooks signature with plain
// HMAC (and one in VERIFY_SAMPLE with the standardwebhooks package, as an
// independent check), records webhook-id and receipt time per phase (the
// first path segment: /warmup, /portal, /bare), counts duplicates, answers 204.
//
// Started with fork(): argv = JSON { phase: the endpoint's secret (whsec_…) }; it sends
// { port } once listening and answers { type: "stats" | "receipts", phase } messages.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

const secrets = JSON.parse(process.argv[2] ?? "{}") as Record<string, string>;
if (Object.keys(secrets).length === 0 || !Object.values(secrets).every((s) => s.startsWith("whsec_"))) throw new Error('usage: callback-receiver.mts \'{"portal":"whsec_…"}\'');
// Webhook.verify costs several times a plain HMAC (it re-parses and compares strings); a sample keeps it from dominating.
const VERIFY_SAMPLE = 50;
const now = () => performance.timeOrigin + performance.now();

type TPhase = { key: Buffer | null; webhook: Webhook | null; receipts: Map<string, number>; total: number; duplicates: number; badSignatures: number; sampled: number; sampleFailures: number };
const phases = new Map<string, TPhase>();
const phaseOf = (name: string): TPhase => {
  let phase = phases.get(name);
  const secret = secrets[name];
  if (!phase) phases.set(name, (phase = { key: secret ? Buffer.from(secret.slice("whsec_".length), "base64") : null, webhook: secret ? new Webhook(secret) : null, receipts: new Map(), total: 0, duplicates: 0, badSignatures: 0, sampled: 0, sampleFailures: 0 }));
  return phase;
};

const hmacMatches = ({ expected, given }: { expected: Buffer; given: string }): boolean => {
  const bytes = Buffer.from(given, "base64");
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
};

const verify = ({ key, id, timestamp, signature, body, betakom }: { key: Buffer | null; id: string; timestamp: string; signature: string; body: Buffer; betakom: string }): boolean => {
  if (!key) return false;
  const signed = createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest();
  const standard = signature.split(" ").some((part) => part.startsWith("v1,") && hmacMatches({ expected: signed, given: part.slice(3) }));
  const raw = createHmac("sha256", key).update(body).digest();
  const given = Buffer.from(betakom, "hex");
  return standard && given.length === raw.length && timingSafeEqual(given, raw);
};

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const at = now();
    const phase = phaseOf((req.url ?? "/").split("/")[1] ?? "");
    const body = Buffer.concat(chunks);
    const id = String(req.headers["webhook-id"] ?? "");
    const ok = verify({ key: phase.key, id, timestamp: String(req.headers["webhook-timestamp"] ?? ""), signature: String(req.headers["webhook-signature"] ?? ""), body, betakom: String(req.headers["x-betakom-signature"] ?? "") });
    phase.total += 1;
    if (!ok) {
      phase.badSignatures += 1;
      res.writeHead(401).end();
      return;
    }
    if (phase.total % VERIFY_SAMPLE === 0) {
      phase.sampled += 1;
      try {
        phase.webhook!.verify(body.toString("utf8"), req.headers as Record<string, string>);
      } catch {
        phase.sampleFailures += 1;
      }
    }
    if (phase.receipts.has(id)) phase.duplicates += 1;
    else phase.receipts.set(id, at);
    res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: (server.address() as AddressInfo).port }));

process.on("message", (message: { type: "stats" | "receipts"; phase: string }) => {
  const phase = phaseOf(message.phase);
  const stats = { unique: phase.receipts.size, total: phase.total, duplicates: phase.duplicates, badSignatures: phase.badSignatures, sampled: phase.sampled, sampleFailures: phase.sampleFailures };
  process.send?.(message.type === "stats" ? { stats } : { stats, receipts: [...phase.receipts] });
});
process.on("disconnect", () => process.exit(0));
