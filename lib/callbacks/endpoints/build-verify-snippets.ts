// Receiver examples shown with a new endpoint secret. Each verifies the raw
// body exactly as received: parsing and re-serialising JSON first breaks every
// signature (the most common complaint of webhook receivers).
export type TVerifySnippets = { node: string; python: string; hmac: string };

/** The Node (standardwebhooks package), Python (standard library) and plain HMAC receivers for one secret. */
export const buildVerifySnippets = ({ secret }: { secret: string }): TVerifySnippets => {
  const node = `// Node.js 18+: npm install standardwebhooks, save as receiver.mjs, run: node receiver.mjs
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

const webhook = new Webhook("${secret}");

createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks).toString("utf8"); // the raw body, not re-serialised JSON
  try {
    // Checks webhook-signature (any of the space-separated signatures, so a secret rotation is seamless)
    // and that webhook-timestamp is within 5 minutes.
    const event = webhook.verify(body, req.headers);
    // webhook-id (= event.event_id) repeats on retries and resends: skip ids you have already handled.
    console.log(event.event_name, event.id, event.sequence);
    res.writeHead(204).end();
  } catch {
    res.writeHead(400).end();
  }
}).listen(3000);
`;
  const python = `# Python 3.9+, standard library only (or: pip install standardwebhooks). Save as receiver.py, run: python receiver.py
import base64, hashlib, hmac, json, time
from http.server import BaseHTTPRequestHandler, HTTPServer

SECRET = "${secret}"
KEY = base64.b64decode(SECRET.removeprefix("whsec_"))

def verify(body: bytes, headers) -> bool:
    msg_id, timestamp, signatures = headers.get("webhook-id"), headers.get("webhook-timestamp"), headers.get("webhook-signature")
    if not (msg_id and timestamp and signatures) or abs(time.time() - int(timestamp)) > 300:
        return False
    expected = base64.b64encode(hmac.new(KEY, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()).decode()
    # During a secret rotation one signature per valid secret is sent, space-separated: any may match.
    return any(hmac.compare_digest(expected, s[3:]) for s in signatures.split(" ") if s.startswith("v1,"))

class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))  # the raw body
        if not verify(body, self.headers):
            self.send_response(400); self.end_headers(); return
        event = json.loads(body)
        # webhook-id (= event["event_id"]) repeats on retries and resends: skip ids you have already handled.
        print(event["event_name"], event["id"], event["sequence"])
        self.send_response(204); self.end_headers()

HTTPServer(("", 3000), Receiver).serve_forever()
`;
  const hmac = `// The inbound API's scheme: x-betakom-signature is the hex HMAC-SHA256 of the raw body, keyed with the
// secret's bytes (base64-decode what follows "whsec_"). It is made with the current secret only; during a
// rotation overlap verify webhook-signature instead, which carries one signature per valid secret.
import { createHmac, timingSafeEqual } from "node:crypto";

const key = Buffer.from("${secret}".slice("whsec_".length), "base64");

/** True when the x-betakom-signature header matches the raw body (a Buffer or string, exactly as received). */
export const verifyBetakomSignature = (rawBody, header) => {
  const expected = createHmac("sha256", key).update(rawBody).digest();
  const given = Buffer.from(String(header ?? ""), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
};

// Shell: printf '%s' "$BODY" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$(printf '%s' "${secret}" | cut -c7- | base64 -d | xxd -p -c 256)
`;
  return { node, python, hmac };
};
