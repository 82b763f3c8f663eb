// "Send test": signs a realistic sample envelope with the connection's current
// secret and POSTs it over HTTP to the connection's own front door, through
// the real route, with a short-lived test token (so the message is a dry run).
// Then waits for processing and reports each stage.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { connectorById } from "@/lib/integrations/connectors";
import { issueToken } from "@/lib/integrations/credentials";
import { inboundPath } from "@/lib/integrations/inbound-url";
import { signingSecrets } from "@/lib/integrations/signing-secrets";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { signBody, SIGNATURE_HEADER } from "@/lib/ingest/front-door/verify-signature";
import { sampleEnvelope } from "./sample-envelope";

export type TTestStage = { name: string; ok: boolean; detail: string };
export type TTestResult = { passed: boolean; stages: TTestStage[]; messageId: string | null };

const TEST_TOKEN_TTL_MS = 2 * 60_000;
const PROCESSING_WAIT_MS = 15_000;

const waitForProcessing = async (messageId: string) => {
  const deadline = Date.now() + PROCESSING_WAIT_MS;
  for (;;) {
    const message = await db.inboundMessage.findUnique({ where: { id: messageId }, select: { status: true, acceptedTotal: true, droppedTotal: true, lastError: true } });
    if (!message || message.status === "processed" || message.status === "failed" || Date.now() > deadline) return message;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

/** Runs the test; `origin` is where this server's front door is reachable. */
export const sendTestMessage = async ({ actor, connectionId, origin, now = new Date() }: { actor: TActor; connectionId: string; origin: string; now?: Date }): Promise<TTestResult> => {
  assertAdmin(actor);
  const connection = await db.connection.findFirst({ where: { id: connectionId, companyId: actor.companyId, deletedAt: null } });
  if (!connection) throw new AppError("not_found", "This connection does not exist.");
  const token = issueToken();
  await db.connection.update({ where: { id: connection.id }, data: { testTokenHash: token.hash, testTokenExpiresAt: new Date(now.getTime() + TEST_TOKEN_TTL_MS) } });

  const stages: TTestStage[] = [];
  const body = JSON.stringify(sampleEnvelope(now));
  const secret = signingSecrets({ connection, now }).find((s) => s.variant === "current")!.secret;
  const url = `${(env.INTERNAL_BASE_URL ?? origin).replace(/\/$/, "")}${inboundPath({ connector: connectorById(connection.connector).slug, token: token.token })}`;
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signBody({ body, secret }) }, body, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    stages.push({ name: "HTTP request", ok: false, detail: `Could not reach the front door: ${error instanceof Error ? error.message : String(error)}` });
    return { passed: false, stages, messageId: null };
  }
  const json = (await response.json().catch(() => ({}))) as { messageId?: string; error?: { code: string; message: string } };
  stages.push({ name: "HTTP status", ok: response.status === 202, detail: response.status === 202 ? "202 Accepted" : `${response.status}: ${json.error?.message ?? "unexpected answer"}` });
  stages.push({ name: "Signature", ok: response.status !== 401, detail: response.status === 401 ? json.error?.message ?? "Refused" : "Verified with the current signing secret" });
  if (response.status !== 202 || !json.messageId) return { passed: false, stages, messageId: null };

  stages.push({ name: "Landed", ok: true, detail: `Stored as message ${json.messageId}` });
  const processed = await waitForProcessing(json.messageId);
  const done = processed?.status === "processed";
  stages.push({ name: "Processed", ok: done, detail: done ? "Processed as a dry run (no fleet data written)" : processed?.status === "failed" ? `Failed: ${processed.lastError ?? "unknown error"}` : `Not processed within ${PROCESSING_WAIT_MS / 1000} s` });
  if (!done) return { passed: false, stages, messageId: json.messageId };
  stages.push({ name: "Accepted entries", ok: processed.acceptedTotal > 0, detail: String(processed.acceptedTotal) });
  stages.push({ name: "Dropped entries", ok: processed.droppedTotal === 0, detail: String(processed.droppedTotal) });
  return { passed: stages.every((s) => s.ok), stages, messageId: json.messageId };
};
