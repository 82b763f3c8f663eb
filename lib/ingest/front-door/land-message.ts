// Lands a message exactly once, in one atomic statement. Its body's SHA-256
// is always claimed as a de-duplication key for 7 days, and its
// Idempotency-Key too when one is sent: the same body is processed once
// whether it came with a key, without one, or with another key. The raw body
// is inserted only if every claim succeeded; the key is claimed first and
// the body hash only after it. A key claimed for a body that had already
// landed is pointed at that message in the same transaction.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

export type TLanding = { messageId: string; status: "accepted" | "duplicate" };

type TRow = { landed: string | null; key_id: string | null; key_sha: string | null; sha_id: string | null };

export type TLandInput = {
  companyId: string;
  connectionId: string;
  body: Buffer;
  bodySha256: string;
  idempotencyKey: string | null;
  /** Which signing secret verified a push; null for pulled and mailed messages. */
  signatureVariant: "current" | "previous" | null;
  signedAt: Date | null;
  dryRun: boolean;
  origin?: "push" | "poll" | "email";
  /** What the vendor sent (a pulled page, a mail), kept beside the canonical body. */
  vendorPayload?: { body: Buffer; contentType: string } | null;
};

const DEDUPE_WINDOW = "7 days";

/** Stores the message, or finds the one it duplicates. Throws `idempotency_key_reused` for a reused key with another body. */
export const landMessage = async (input: TLandInput): Promise<TLanding> => {
  const id = randomUUID();
  const shaKey = `sha256:${input.bodySha256}`;
  const idemKey = input.idempotencyKey === null ? null : `key:${input.idempotencyKey}`;
  const landing = db.$queryRaw<TRow[]>`
    WITH key_claim AS (
      INSERT INTO inbound_dedupe (connection_id, dedupe_key, body_sha256, message_id, expires_at)
      SELECT ${input.connectionId}, k, ${input.bodySha256}, ${id}, now() + ${DEDUPE_WINDOW}::interval FROM (SELECT ${idemKey}::text AS k) AS given WHERE k IS NOT NULL
      ON CONFLICT (connection_id, dedupe_key) DO UPDATE
        SET body_sha256 = EXCLUDED.body_sha256, message_id = EXCLUDED.message_id, expires_at = EXCLUDED.expires_at
        WHERE inbound_dedupe.expires_at < now()
      RETURNING message_id
    ), sha_claim AS (
      INSERT INTO inbound_dedupe (connection_id, dedupe_key, body_sha256, message_id, expires_at)
      SELECT ${input.connectionId}, ${shaKey}, ${input.bodySha256}, ${id}, now() + ${DEDUPE_WINDOW}::interval
      WHERE ${idemKey}::text IS NULL OR EXISTS (SELECT 1 FROM key_claim)
      ON CONFLICT (connection_id, dedupe_key) DO UPDATE
        SET body_sha256 = EXCLUDED.body_sha256, message_id = EXCLUDED.message_id, expires_at = EXCLUDED.expires_at
        WHERE inbound_dedupe.expires_at < now()
      RETURNING message_id
    ), landed AS (
      INSERT INTO inbound_messages (id, company_id, connection_id, body, body_sha256, idempotency_key, signature_variant, signed_timestamp, dry_run,
                                    origin, vendor_payload, vendor_content_type)
      SELECT message_id, ${input.companyId}, ${input.connectionId}, ${input.body}, ${input.bodySha256}, ${input.idempotencyKey},
             ${input.signatureVariant}::"SignatureVariant", ${input.signedAt}, ${input.dryRun},
             ${input.origin ?? "push"}::"MessageOrigin", ${input.vendorPayload?.body ?? null}, ${input.vendorPayload?.contentType ?? null}
      FROM sha_claim
      RETURNING id
    )
    SELECT (SELECT id FROM landed) AS landed,
           k.message_id AS key_id, k.body_sha256 AS key_sha, s.message_id AS sha_id
    FROM (SELECT 1) AS one
    LEFT JOIN inbound_dedupe k ON k.connection_id = ${input.connectionId} AND k.dedupe_key = ${idemKey}::text AND k.expires_at >= now()
    LEFT JOIN inbound_dedupe s ON s.connection_id = ${input.connectionId} AND s.dedupe_key = ${shaKey} AND s.expires_at >= now()`;
  // With a key, the landing and the repair of a key claimed for a body seen before (only a concurrent sender of the
  // same body can cause that) commit together, so a key never names a message that does not exist.
  const rows = idemKey === null ? await landing : (await db.$transaction([landing, repairKeyClaim({ connectionId: input.connectionId, idemKey, shaKey, id })]))[0];
  const row = rows[0];
  if (row?.landed) return { messageId: row.landed, status: "accepted" };
  return resolveDuplicate({ ...input, id, shaKey, idemKey, row });
};

/** Points a key claimed for a new id at the message its body already landed as, when that id did not land. */
const repairKeyClaim = ({ connectionId, idemKey, shaKey, id }: { connectionId: string; idemKey: string; shaKey: string; id: string }) => db.$executeRaw`
  UPDATE inbound_dedupe k SET message_id = s.message_id
  FROM inbound_dedupe s
  WHERE k.connection_id = ${connectionId} AND k.dedupe_key = ${idemKey} AND k.message_id = ${id}
    AND s.connection_id = ${connectionId} AND s.dedupe_key = ${shaKey} AND s.message_id <> ${id}
    AND NOT EXISTS (SELECT 1 FROM inbound_messages m WHERE m.id = ${id})`;

/** Which earlier message this one duplicates (the key's when a key was sent, else the body's). */
const resolveDuplicate = async ({ connectionId, bodySha256, id, shaKey, idemKey, row }: TLandInput & { id: string; shaKey: string; idemKey: string | null; row: TRow | undefined }): Promise<TLanding> => {
  // A claim committed by a concurrent request after this statement began is not in its snapshot: look again.
  const find = (dedupeKey: string) => db.inboundDedupe.findFirst({ where: { connectionId, dedupeKey, expiresAt: { gte: new Date() } } });
  const byKey = idemKey === null ? null : row?.key_id && row.key_id !== id ? { messageId: row.key_id, bodySha256: row.key_sha! } : await find(idemKey);
  if (byKey && byKey.messageId !== id) {
    if (byKey.bodySha256 !== bodySha256) throw new AppError("idempotency_key_reused", "This Idempotency-Key was already used with a different body in the last 7 days.");
    return { messageId: byKey.messageId, status: "duplicate" };
  }
  const bySha = row?.sha_id && row.sha_id !== id ? { messageId: row.sha_id } : await find(shaKey);
  if (!bySha || bySha.messageId === id) throw new Error("Landing claimed nothing and found no earlier message");
  return { messageId: bySha.messageId, status: "duplicate" };
};
