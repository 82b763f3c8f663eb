// Whether the configured keys can read every stored signing secret that is in
// use (live connections' current secrets and previous ones within grace), and
// whether each key in use matches its stored probe. A key that sealed stored
// secrets but is neither SECRETS_ENCRYPTION_KEY nor an old key is an error: those
// connections answer 503 secret_unavailable until it is restored or they rotate.
import { db } from "@/lib/db/client";
import { secretContext } from "@/lib/integrations/credentials";
import { opensKeyProbe } from "./key-probe";
import { openSecret, sealedKeyId, UnreadableSecretError } from "./secret-box";
import { configuredKeyring } from "./secret-keyring";

export type TKeyRole = "current" | "old" | "unknown" | "legacy";
export type TKeyUse = { keyId: string; role: TKeyRole; secrets: number; unreadable: number };
export type TSecretsKeyHealth = {
  status: "ok" | "error";
  currentKeyId: string;
  oldKeyIds: string[];
  /** Secrets in use per key that sealed them; "v1" is the format without a key id. */
  keys: TKeyUse[];
  /** Some secret is sealed with an old key or in v1: run `npm run secrets:reseal` before dropping an old key. */
  resealNeeded: boolean;
  problems: string[];
};

const LEGACY = "v1";

/** Reads every stored secret in use with the configured keys and checks the probes; reports counts and key ids, never a secret. */
export const getSecretsKeyHealth = async ({ now = new Date() }: { now?: Date } = {}): Promise<TSecretsKeyHealth> => {
  const keyring = configuredKeyring();
  const roleOf = (keyId: string | null): TKeyRole => (keyId === null ? "legacy" : keyId === keyring.current.id ? "current" : keyring.old.some((k) => k.id === keyId) ? "old" : "unknown");
  const [connections, probes] = await Promise.all([
    db.connection.findMany({ where: { deletedAt: null }, select: { id: true, secretCiphertext: true, previousSecretCiphertext: true, previousSecretExpiresAt: true } }),
    db.secretKeyProbe.findMany(),
  ]);

  const uses = new Map<string, TKeyUse>();
  for (const c of connections) {
    const inUse = [c.secretCiphertext, c.previousSecretExpiresAt && c.previousSecretExpiresAt > now ? c.previousSecretCiphertext : null];
    for (const sealed of inUse) {
      if (!sealed) continue;
      const keyId = sealedKeyId(sealed);
      const use = uses.get(keyId ?? LEGACY) ?? { keyId: keyId ?? LEGACY, role: roleOf(keyId), secrets: 0, unreadable: 0 };
      use.secrets += 1;
      try {
        openSecret({ sealed, context: secretContext(c.id), keyring });
      } catch (error) {
        if (!(error instanceof UnreadableSecretError)) throw error;
        use.unreadable += 1;
      }
      uses.set(use.keyId, use);
    }
  }

  const problems: string[] = [];
  const probeOf = new Map(probes.map((p) => [p.keyId, p]));
  for (const use of uses.values()) {
    if (use.role === "unknown") {
      const since = probeOf.get(use.keyId)?.createdAt;
      problems.push(
        `${use.secrets} stored signing secret(s) were sealed with key ${use.keyId}${since ? ` (first configured ${since.toISOString()})` : ""}, which is neither SECRETS_ENCRYPTION_KEY nor in SECRETS_ENCRYPTION_OLD_KEYS. ` +
          "Their connections answer 503 secret_unavailable (or lose the previous secret's grace) until that key is added to SECRETS_ENCRYPTION_OLD_KEYS or their secrets are rotated.",
      );
    } else if (use.unreadable > 0) {
      problems.push(`${use.unreadable} of ${use.secrets} stored signing secret(s) ${use.role === "legacy" ? "in the v1 format (no key id)" : `sealed with the ${use.role} key ${use.keyId}`} do not decrypt with the configured keys. Rotate those connections' secrets.`);
    }
  }
  // A probe that does not open with the key of its id means the key or the table is not what sealed it.
  for (const key of [keyring.current, ...keyring.old]) {
    const probe = probeOf.get(key.id);
    if (!probe || opensKeyProbe({ probe: probe.probe, key })) continue;
    problems.push(`The stored probe of key ${key.id} does not open with the configured key of that id.`);
  }

  const keys = [...uses.values()].sort((a, b) => a.keyId.localeCompare(b.keyId));
  return {
    status: problems.length === 0 ? "ok" : "error",
    currentKeyId: keyring.current.id,
    oldKeyIds: keyring.old.map((k) => k.id),
    keys,
    resealNeeded: keys.some((k) => (k.role === "old" || k.role === "legacy") && k.secrets > k.unreadable),
    problems,
  };
};
