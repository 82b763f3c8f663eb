// Turns claimed deliveries into ready-to-send requests: the stored body, the
// recipient's URL, and headers signed with the recipient's secrets right
// now. What must not be sent (endpoint paused, disabled or deleted) comes back
// as a skip; an unreadable secret as a failed attempt, so it is logged and retried.
import { db } from "@/lib/db/client";
import { openSecret, UnreadableSecretError } from "@/lib/crypto/secret-box";
import type { CallbackDeliveryStatus } from "@/lib/db/generated/enums";
import type { Connection } from "@/lib/db/generated/client";
import { signingSecrets } from "@/lib/integrations/signing-secrets";
import { isAppError } from "@/lib/errors/app-error";
import { endpointSecretContext } from "@/lib/callbacks/endpoints/endpoint-secret-context";
import { buildCallbackHeaders } from "@/lib/callbacks/build-callback-headers";
import type { TCallbackSecret } from "@/lib/callbacks/sign-callback";
import type { TVerdict } from "./judge-response";

/** A dispatcher's hold on a delivery: only the holder of this lease may record its attempt. */
export type TClaim = { deliveryId: string; lease: Date };

export type TSkipReason = "endpoint_paused" | "endpoint_disabled" | "endpoint_deleted";

type TPreparedBase = { claim: TClaim; endpointId: string | null; companyId: string; connectionId: string; status: CallbackDeliveryStatus; attempts: number; nextAttemptAt: Date | null };
export type TPrepared =
  | (TPreparedBase & { kind: "send"; url: string; body: string; attemptNumber: number; concurrencyKey: string; /** The signed headers, for an attempt starting at `now` (signed when sent, not when claimed). */ sign: (now: Date) => Record<string, string> })
  | (TPreparedBase & { kind: "failed"; verdict: TVerdict; attemptNumber: number })
  | (TPreparedBase & { kind: "skip"; reason: TSkipReason });

type TRow = {
  id: string; status: CallbackDeliveryStatus; attempts: number; next_attempt_at: Date | null; endpoint_id: string | null; target_url: string | null;
  company_id: string; connection_id: string; event_id: string; event_name: string; body: string; attempts_logged: number;
  endpoint_url: string | null; endpoint_status: "active" | "paused" | "disabled" | null; endpoint_deleted: boolean | null;
  secret_ciphertext: string | null; previous_secret_ciphertext: string | null; previous_secret_expires_at: Date | null; connection_deleted: boolean;
};

const secretFailure = (message: string): TVerdict => ({
  succeeded: false, httpStatus: null, durationMs: 0, errorCode: "secret_unavailable", errorMessage: message, location: null, responseExcerpt: null, final: null, disableEndpoint: null, overloaded: false, retryAfter: null,
});

const endpointSecrets = (row: TRow, now: Date): TCallbackSecret[] => {
  const secrets: TCallbackSecret[] = [{ kind: "whsec", value: openSecret({ sealed: row.secret_ciphertext!, context: endpointSecretContext(row.endpoint_id!) }) }];
  // During a rotation overlap both sign; an unreadable previous secret only costs its signature.
  if (row.previous_secret_ciphertext && row.previous_secret_expires_at && row.previous_secret_expires_at > now) {
    try {
      secrets.push({ kind: "whsec", value: openSecret({ sealed: row.previous_secret_ciphertext, context: endpointSecretContext(row.endpoint_id!) }) });
    } catch (error) {
      if (!(error instanceof UnreadableSecretError)) throw error;
    }
  }
  return secrets;
};

const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

/** Loads claimed deliveries and builds each one's signed request (or why it is not sent), in claim order. */
export const prepareAttempts = async ({ claims, now }: { claims: TClaim[]; now: Date }): Promise<TPrepared[]> => {
  if (claims.length === 0) return [];
  const rows = await db.$queryRaw<TRow[]>`
    SELECT d.id, d.status, d.attempts, d.next_attempt_at, d.endpoint_id, d.target_url, d.company_id, d.connection_id, d.event_id, d.event_name, ev.body,
           (SELECT count(*)::int FROM callback_attempts a WHERE a.delivery_id = d.id) AS attempts_logged,
           e.url AS endpoint_url, e.status::text AS endpoint_status, (e.deleted_at IS NOT NULL) AS endpoint_deleted,
           e.secret_ciphertext, e.previous_secret_ciphertext, e.previous_secret_expires_at, (c.deleted_at IS NOT NULL) AS connection_deleted
    FROM callback_deliveries d
    JOIN callback_events ev ON ev.id = d.event_id
    JOIN connections c ON c.id = d.connection_id
    LEFT JOIN callback_endpoints e ON e.id = d.endpoint_id
    WHERE d.id = ANY(${claims.map((c) => c.deliveryId)}::text[])`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const connectionIds = [...new Set(rows.filter((r) => r.endpoint_id === null).map((r) => r.connection_id))];
  const connections = new Map<string, Connection>(connectionIds.length === 0 ? [] : (await db.connection.findMany({ where: { id: { in: connectionIds } } })).map((c) => [c.id, c]));
  // One decryption per endpoint and batch, not per delivery.
  const secretsOf = new Map<string, TCallbackSecret[] | Error>();
  const resolveSecrets = (row: TRow): TCallbackSecret[] | Error => {
    const key = row.endpoint_id ?? `connection:${row.connection_id}`;
    let found = secretsOf.get(key);
    if (!found) {
      try {
        found = row.endpoint_id
          ? endpointSecrets(row, now)
          : signingSecrets({ connection: connections.get(row.connection_id)!, now }).map((s) => ({ kind: "raw" as const, value: s.secret }));
      } catch (error) {
        if (!(error instanceof UnreadableSecretError) && !isAppError(error)) throw error;
        found = new Error("The signing secret cannot be read right now (its encryption key is not configured); nothing was sent. It is retried.");
      }
      secretsOf.set(key, found);
    }
    return found;
  };

  const prepared: TPrepared[] = [];
  for (const claim of claims) {
    const row = byId.get(claim.deliveryId);
    // Deleted with its endpoint (cascade) since the claim: nothing to send, nothing to record.
    if (!row) continue;
    const base: TPreparedBase = { claim, endpointId: row.endpoint_id, companyId: row.company_id, connectionId: row.connection_id, status: row.status, attempts: row.attempts, nextAttemptAt: row.next_attempt_at };
    if (row.connection_deleted || row.endpoint_deleted || (row.endpoint_id !== null && row.endpoint_status === null)) {
      prepared.push({ ...base, kind: "skip", reason: "endpoint_deleted" });
      continue;
    }
    if (row.endpoint_status === "paused" || row.endpoint_status === "disabled") {
      prepared.push({ ...base, kind: "skip", reason: row.endpoint_status === "paused" ? "endpoint_paused" : "endpoint_disabled" });
      continue;
    }
    const attemptNumber = row.attempts_logged + 1;
    const secrets = resolveSecrets(row);
    if (secrets instanceof Error) {
      prepared.push({ ...base, kind: "failed", verdict: secretFailure(secrets.message), attemptNumber });
      continue;
    }
    const sign = (at: Date) => buildCallbackHeaders({ eventId: row.event_id, eventName: row.event_name, deliveryId: row.id, attempt: attemptNumber, body: row.body, secrets, now: at });
    const url = row.endpoint_url ?? row.target_url!;
    prepared.push({ ...base, kind: "send", url, body: row.body, sign, attemptNumber, concurrencyKey: row.endpoint_id ?? `url:${originOf(url)}` });
  }
  return prepared;
};
