// Key rotation's last step: every stored signing secret sealed with an old key
// (or in the v1 format) is sealed again with the current SECRETS_ENCRYPTION_KEY,
// after which the old key can be removed from SECRETS_ENCRYPTION_OLD_KEYS.
// An explicit step (`npm run secrets:reseal`), not automatic at start-up: during
// a rolling deploy, instances still running with the old key as their only key
// could not read secrets that a new instance had already resealed.
import { db } from "@/lib/db/client";
import { openSecret, sealedKeyId, sealSecret, UnreadableSecretError } from "@/lib/crypto/secret-box";
import { configuredKeyring } from "@/lib/crypto/secret-keyring";
import { secretContext } from "./credentials";

export type TResealReport = { resealed: number; alreadyCurrent: number; unreadable: { connectionId: string; which: "current" | "previous"; reason: string }[] };

/** Seals every stored signing secret (of live and deleted connections) with the current key; reports what it could not read. */
export const resealSecrets = async (): Promise<TResealReport> => {
  const currentId = configuredKeyring().current.id;
  const report: TResealReport = { resealed: 0, alreadyCurrent: 0, unreadable: [] };
  const ids = await db.connection.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  for (const { id } of ids) {
    // One short transaction per connection, its row locked, so a rotation at the same moment is not overwritten.
    await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM connections WHERE id = ${id} FOR UPDATE`;
      const row = await tx.connection.findUnique({ where: { id }, select: { secretCiphertext: true, previousSecretCiphertext: true } });
      if (!row) return;
      const data: { secretCiphertext?: string; previousSecretCiphertext?: string } = {};
      const fields = [["current", "secretCiphertext", row.secretCiphertext], ["previous", "previousSecretCiphertext", row.previousSecretCiphertext]] as const;
      for (const [which, field, sealed] of fields) {
        if (sealed === null) continue;
        if (sealedKeyId(sealed) === currentId) {
          report.alreadyCurrent += 1;
          continue;
        }
        try {
          data[field] = sealSecret({ plaintext: openSecret({ sealed, context: secretContext(id) }), context: secretContext(id) });
          report.resealed += 1;
        } catch (error) {
          if (!(error instanceof UnreadableSecretError)) throw error;
          report.unreadable.push({ connectionId: id, which, reason: error.message });
        }
      }
      if (Object.keys(data).length > 0) await tx.connection.update({ where: { id }, data });
    });
  }
  return report;
};
