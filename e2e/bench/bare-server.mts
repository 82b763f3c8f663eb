// Baseline: a bare node:http server doing only what must happen before a 202:
// read the body, verify the HMAC, and run the same one-statement landing insert.
// Usage: tsx e2e/bench/bare-server.mts <port> <databaseUrl> <secret> <companyId> <connectionId>
import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import pg from "pg";

const [port, databaseUrl, secret, companyId, connectionId] = process.argv.slice(2) as [string, string, string, string, string];
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5_000 });

const LAND = `
  WITH claim AS (
    INSERT INTO inbound_dedupe (connection_id, dedupe_key, body_sha256, message_id, expires_at)
    VALUES ($1, $2, $3, $4, now() + interval '7 days')
    ON CONFLICT (connection_id, dedupe_key) DO NOTHING
    RETURNING message_id
  )
  INSERT INTO inbound_messages (id, company_id, connection_id, body, body_sha256, signature_variant, dry_run, status)
  SELECT message_id, $5, $1, $6, $3, 'current', false, 'processed' FROM claim RETURNING id`;

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    const body = Buffer.concat(chunks);
    const given = Buffer.from(String(req.headers["x-betakom-signature"] ?? ""), "hex");
    const expected = createHmac("sha256", secret).update(body).digest();
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return void res.writeHead(401).end();
    const sha = createHash("sha256").update(body).digest("hex");
    try {
      const id = randomUUID();
      await pool.query(LAND, [connectionId, `sha256:${sha}`, sha, id, companyId, body]);
      res.writeHead(202, { "content-type": "application/json" }).end(`{"messageId":"${id}","status":"accepted"}`);
    } catch {
      res.writeHead(503).end();
    }
  });
}).listen(Number(port), "127.0.0.1", () => console.log("ready"));
