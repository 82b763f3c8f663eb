// "Send test": signs a realistic sample envelope with the connection's current
// secret and POSTs it over HTTP to this portal's own front door, through the
// real route, with a short-lived test token (so the message is a dry run).
// Then waits for processing and reports each stage.
//
// The request goes to INTERNAL_BASE_URL, else http://127.0.0.1:$PORT: never to
// an address taken from the user's request (Host, X-Forwarded-*), which would
// let anyone point a signed request with a live token at a server of theirs.
// The answer is not trusted either: the message it names is looked up only
// within this company and connection, as this test's own dry run (same body).
import { z } from "zod";
import { sha256Hex } from "@/lib/crypto/random-token";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { connectorById } from "@/lib/integrations/connectors";
import { issueToken } from "@/lib/integrations/credentials";
import { inboundPath } from "@/lib/integrations/inbound-url";
import { lockConnection } from "@/lib/integrations/lock-connection";
import { recordAudit } from "@/lib/integrations/record-audit";
import { signingSecrets } from "@/lib/integrations/signing-secrets";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { signBody, SIGNATURE_HEADER } from "@/lib/ingest/front-door/verify-signature";
import { sampleEnvelope } from "./sample-envelope";

export type TTestStage = { name: string; ok: boolean; detail: string };
export type TTestResult = { passed: boolean; stages: TTestStage[]; messageId: string | null };

const TEST_TOKEN_TTL_MS = 2 * 60_000;
const PROCESSING_WAIT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 10_000;

// The front door's answers: 202 { messageId, status } or { error: { code, message } }.
const ZAnswer = z.object({
  messageId: z.string().min(1).max(64).optional(),
  error: z.object({ code: z.string().max(64), message: z.string().max(300) }).optional(),
});

/** Where this server's own front door is reachable: configuration only. */
const frontDoorOrigin = (): string => (env.INTERNAL_BASE_URL ?? `http://127.0.0.1:${env.PORT}`).replace(/\/$/, "");

const readAnswer = async (response: Response): Promise<z.infer<typeof ZAnswer>> => {
  const parsed = ZAnswer.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data : {};
};

const networkError = (error: unknown): string => {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message})` : "";
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
};

type TScope = { companyId: string; connectionId: string; bodySha256: string };

/** This test's own message: the id is the remote's claim, so it must be a dry run of this connection with exactly the body sent. */
const findTestMessage = ({ messageId, scope }: { messageId: string; scope: TScope }) =>
  db.inboundMessage.findFirst({
    where: { id: messageId, companyId: scope.companyId, connectionId: scope.connectionId, dryRun: true, bodySha256: scope.bodySha256 },
    select: { status: true, acceptedTotal: true, droppedTotal: true, lastError: true },
  });

const waitForProcessing = async ({ messageId, scope }: { messageId: string; scope: TScope }) => {
  const deadline = Date.now() + PROCESSING_WAIT_MS;
  for (;;) {
    const message = await findTestMessage({ messageId, scope });
    if (!message || message.status === "processed" || message.status === "failed" || Date.now() > deadline) return message;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

const runTest = async ({ url, body, secret, scope }: { url: string; body: string; secret: string; scope: TScope }): Promise<TTestResult> => {
  const stages: TTestStage[] = [];
  let response: Response;
  try {
    // No redirects: the signed body and the token go to the front door or nowhere.
    response = await fetch(url, { method: "POST", redirect: "manual", headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signBody({ body, secret }) }, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    const hint = env.INTERNAL_BASE_URL ? "" : " If the server is not reachable there, set INTERNAL_BASE_URL.";
    stages.push({ name: "HTTP request", ok: false, detail: `Could not reach the front door at ${frontDoorOrigin()}: ${networkError(error)}.${hint}` });
    return { passed: false, stages, messageId: null };
  }
  const answer = await readAnswer(response);
  stages.push({ name: "HTTP status", ok: response.status === 202, detail: response.status === 202 ? "202 Accepted" : `${response.status}: ${answer.error?.message ?? "unexpected answer"}` });
  stages.push({ name: "Signature", ok: response.status !== 401, detail: response.status === 401 ? answer.error?.message ?? "Refused" : "Verified with the current signing secret" });
  if (response.status !== 202 || !answer.messageId) return { passed: false, stages, messageId: null };

  const messageId = answer.messageId;
  const processed = await waitForProcessing({ messageId, scope });
  if (!processed) {
    stages.push({ name: "Landed", ok: false, detail: "The answer named a message that is not this test's message of this connection." });
    return { passed: false, stages, messageId: null };
  }
  stages.push({ name: "Landed", ok: true, detail: `Stored as message ${messageId}` });
  const done = processed.status === "processed";
  stages.push({ name: "Processed", ok: done, detail: done ? "Processed as a dry run (no fleet data written)" : processed.status === "failed" ? `Failed: ${processed.lastError ?? "unknown error"}` : `Not processed within ${PROCESSING_WAIT_MS / 1000} s` });
  if (!done) return { passed: false, stages, messageId };
  stages.push({ name: "Accepted entries", ok: processed.acceptedTotal > 0, detail: String(processed.acceptedTotal) });
  stages.push({ name: "Dropped entries", ok: processed.droppedTotal === 0, detail: String(processed.droppedTotal) });
  return { passed: stages.every((s) => s.ok), stages, messageId };
};

/** Runs the test for a live connection of the actor's company; audited as `test_sent` (it issues a short-lived credential). */
export const sendTestMessage = async ({ actor, connectionId, now = new Date() }: { actor: TActor; connectionId: string; now?: Date }): Promise<TTestResult> => {
  assertAdmin(actor);
  const token = issueToken();
  const tokenExpiresAt = new Date(now.getTime() + TEST_TOKEN_TTL_MS);
  const body = JSON.stringify(sampleEnvelope(now));
  const { connection, secret, auditId } = await db.$transaction(async (tx) => {
    const locked = await lockConnection({ tx, companyId: actor.companyId, connectionId });
    // Read before issuing anything: an unreadable secret (secret_unavailable) issues no token.
    const current = signingSecrets({ connection: locked, now }).find((s) => s.variant === "current")!.secret;
    await tx.connection.update({ where: { id: locked.id }, data: { testTokenHash: token.hash, testTokenExpiresAt: tokenExpiresAt } });
    const id = await recordAudit({ tx, actor, connectionId, action: "test_sent", details: { tokenValidUntil: tokenExpiresAt.toISOString(), messageId: null, result: "sending" } });
    return { connection: locked, secret: current, auditId: id };
  });

  const url = `${frontDoorOrigin()}${inboundPath({ connector: connectorById(connection.connector).slug, token: token.token })}`;
  let result: TTestResult = { passed: false, stages: [], messageId: null };
  try {
    result = await runTest({ url, body, secret, scope: { companyId: actor.companyId, connectionId: connection.id, bodySha256: sha256Hex(body) } });
    return result;
  } finally {
    // The token has done its job: end it now rather than at its expiry (unless a newer test replaced it).
    await db.connection.updateMany({ where: { id: connection.id, testTokenHash: token.hash }, data: { testTokenHash: null, testTokenExpiresAt: null } });
    await db.connectionAuditEvent.update({ where: { id: auditId }, data: { details: { tokenValidUntil: tokenExpiresAt.toISOString(), messageId: result.messageId, result: result.passed ? "passed" : "failed" } } });
  }
};
