// The "database unavailable at landing" case of issue 8's fault injection: a
// server on PostgreSQL behind a TCP proxy; the proxy is cut (open connections
// destroyed, new ones refused, then accepted and never answered) while a
// sender keeps sending. Every request must answer 503 database_unavailable
// with Retry-After and store nothing; once the database is back, the sender's
// retries land and are processed.
import { createHash, randomBytes } from "node:crypto";
import { expect, type Browser } from "@playwright/test";
import { startAppServer } from "./app-server";
import { openPostgresProbe } from "./database-probe";
import { buildEnvelopes } from "./envelopes";
import { freePort } from "./free-port";
import type { TPostgresDatabase } from "./postgres-database";
import { sendEnvelope, type TSendResult } from "./send-envelope";
import { setUpConnection } from "./set-up-connection";
import { startTcpProxy, type TProxyMode } from "./tcp-proxy";

export type TDatabaseDownFigures = { sentWhileRefused: number; sentWhileSilent: number; answered503: number; slowestAnswerMs: number; storedWhileDown: number; retriedAndProcessed: number; healthWhileDown: number };

const WHILE_DOWN = 10;

const sha256Hex = (body: string) => createHash("sha256").update(body).digest("hex");

/** Runs the scenario on `database` (migrated, empty); throws (fails the test) on any broken invariant. */
export const landWithDatabaseDown = async ({ browser, database }: { browser: Browser; database: TPostgresDatabase }): Promise<TDatabaseDownFigures> => {
  const proxy = await startTcpProxy({ host: database.host, port: database.port });
  const probe = await openPostgresProbe(database.url);
  try {
    const port = await freePort();
    const viaProxy = Object.assign(new URL(database.url), { hostname: "127.0.0.1", port: String(proxy.port) }).toString();
    const server = await startAppServer({
      port,
      name: "pg-down",
      env: {
        DATABASE_URL: viaProxy,
        NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
        SECRETS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        NEXTAUTH_URL: `http://localhost:${port}`,
        DATABASE_CONNECT_TIMEOUT_MS: "1000",
      },
    });
    try {
      const setup = await setUpConnection({ browser, baseURL: server.baseURL, company: "Outage Freight" });
      const [first, ...rest] = buildEnvelopes({ messages: 1 + WHILE_DOWN, perMessage: 5, units: 3, prefix: "DOWN" });
      const send = (body: string) => sendEnvelope({ url: setup.inboundUrl, secret: setup.secret, body });
      const processed = async (ids: string[]) =>
        (await probe.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbound_messages WHERE id = ANY($1) AND status = 'processed'`, [ids]))[0]!.n;

      const good = await send(first!.body);
      expect(good.status, JSON.stringify(good)).toBe(202);
      const firstId = (good as { body: { messageId: string } }).body.messageId;
      await expect.poll(() => processed([firstId]), { timeout: 20_000 }).toBe(1);

      // Refused, then silent: each request must still answer 503 with Retry-After, within the connect timeout.
      const down: { mode: TProxyMode; result: TSendResult; ms: number }[] = [];
      for (const [i, e] of rest.entries()) {
        const mode = i < rest.length / 2 ? "refuse" : "hang";
        if (i === 0 || i === rest.length / 2) await proxy.setMode(mode);
        const started = Date.now();
        down.push({ mode, result: await send(e.body), ms: Date.now() - started });
      }
      for (const { mode, result: r } of down) {
        expect({ mode, status: r.status, code: (r as { body?: { error?: { code?: string } } }).body?.error?.code, retryAfter: (r as { retryAfter?: string | null }).retryAfter ?? null }, JSON.stringify(r))
          .toEqual({ mode, status: 503, code: "database_unavailable", retryAfter: expect.stringMatching(/^\d+$/) });
      }
      const slowest = Math.max(...down.map((d) => d.ms));
      expect(slowest, "a silent database is given up on after the connect timeout, not waited for").toBeLessThan(10_000);
      const health = await fetch(`${server.baseURL}/api/health`);
      expect(health.status, "health while the database is down").toBe(503);

      await proxy.setMode("forward");
      const hashes = rest.map((e) => sha256Hex(e.body));
      const stored = (await probe.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbound_messages WHERE body_sha256 = ANY($1)`, [hashes]))[0]!.n;
      const dedupeRows = (await probe.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbound_dedupe WHERE body_sha256 = ANY($1)`, [hashes]))[0]!.n;
      expect({ stored, dedupeRows }, "nothing of a 503'd request was stored").toEqual({ stored: 0, dedupeRows: 0 });

      // The sender retries after Retry-After: each lands as a new message (nothing was kept to call it a duplicate) and is processed.
      const retried: string[] = [];
      for (const e of rest) {
        const r = await send(e.body);
        expect({ status: r.status, accepted: (r as { body?: { status?: string } }).body?.status }, JSON.stringify(r)).toEqual({ status: 202, accepted: "accepted" });
        retried.push((r as { body: { messageId: string } }).body.messageId);
      }
      await expect.poll(() => processed(retried), { timeout: 30_000 }).toBe(retried.length);
      const total = (await probe.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbound_messages`))[0]!.n;
      expect(total, "the first message and each retry, once").toBe(1 + rest.length);
      await setup.close();
      return {
        sentWhileRefused: down.filter((d) => d.mode === "refuse").length,
        sentWhileSilent: down.filter((d) => d.mode === "hang").length,
        answered503: down.filter((d) => d.result.status === 503).length,
        slowestAnswerMs: slowest,
        storedWhileDown: stored,
        retriedAndProcessed: retried.length,
        healthWhileDown: health.status,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await probe.close();
    await proxy.close();
  }
};
