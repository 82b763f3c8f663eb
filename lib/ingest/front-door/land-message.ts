// Lands a message exactly once, in one atomic statement: claim its
// de-duplication key for 7 days (Idempotency-Key, else the body's SHA-256)
// and insert the raw body only if the claim succeeded.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

export type TLanding = { messageId: string; status: "accepted" | "duplicate" };

type TRow = { landed: string | null; existing_id: string | null; existing_sha: string | null };

export type TLandInput = {
  companyId: string;
  connectionId: string;
  body: Buffer;
  bodySha256: string;
  idempotencyKey: string | null;
  signatureVariant: "current" | "previous";
  signedAt: Date | null;
  dryRun: boolean;
};

/** Stores the message, or finds the one it duplicates. Throws `idempotency_key_reused` for a reused key with another body. */
export const landMessage = async (input: TLandInput): Promise<TLanding> => {
  const id = randomUUID();
  const dedupeKey = input.idempotencyKey ? `key:${input.idempotencyKey}` : `sha256:${input.bodySha256}`;
  const rows = await db.$queryRaw<TRow[]>`
    WITH claim AS (
      INSERT INTO inbound_dedupe (connection_id, dedupe_key, body_sha256, message_id, expires_at)
      VALUES (${input.connectionId}, ${dedupeKey}, ${input.bodySha256}, ${id}, now() + interval '7 days')
      ON CONFLICT (connection_id, dedupe_key) DO UPDATE
        SET body_sha256 = EXCLUDED.body_sha256, message_id = EXCLUDED.message_id, expires_at = EXCLUDED.expires_at
        WHERE inbound_dedupe.expires_at < now()
      RETURNING message_id
    ), landed AS (
      INSERT INTO inbound_messages (id, company_id, connection_id, body, body_sha256, idempotency_key, signature_variant, signed_timestamp, dry_run)
      SELECT message_id, ${input.companyId}, ${input.connectionId}, ${input.body}, ${input.bodySha256}, ${input.idempotencyKey},
             ${input.signatureVariant}::"SignatureVariant", ${input.signedAt}, ${input.dryRun}
      FROM claim
      RETURNING id
    )
    SELECT (SELECT id FROM landed) AS landed, d.message_id AS existing_id, d.body_sha256 AS existing_sha
    FROM (SELECT 1) AS one
    LEFT JOIN inbound_dedupe d ON d.connection_id = ${input.connectionId} AND d.dedupe_key = ${dedupeKey} AND d.expires_at >= now()`;
  const row = rows[0];
  if (row?.landed) return { messageId: row.landed, status: "accepted" };
  // A claim committed by a concurrent request after this statement began is not in its snapshot: look again.
  const existing = row?.existing_id
    ? { messageId: row.existing_id, bodySha256: row.existing_sha }
    : await db.inboundDedupe.findUnique({ where: { connectionId_dedupeKey: { connectionId: input.connectionId, dedupeKey } } }).then((d) => (d ? { messageId: d.messageId, bodySha256: d.bodySha256 } : null));
  if (!existing) throw new Error("Landing claimed nothing and found no earlier message");
  if (existing.bodySha256 !== input.bodySha256) {
    throw new AppError("idempotency_key_reused", "This Idempotency-Key was already used with a different body in the last 7 days.");
  }
  return { messageId: existing.messageId, status: "duplicate" };
};
