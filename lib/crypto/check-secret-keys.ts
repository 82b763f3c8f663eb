// Start-up check of the secrets encryption keys: records a probe for each
// configured key that has none, then reads what is stored, so a lost or changed
// SECRETS_ENCRYPTION_KEY is one clear message at start-up rather than an error
// per request. It never stops start-up: connections whose secrets are readable keep working.
import { db } from "@/lib/db/client";
import { getSecretsKeyHealth, type TSecretsKeyHealth } from "./get-secrets-key-health";
import { rememberSecretsCheck } from "./last-secrets-check";
import { sealKeyProbe } from "./key-probe";
import { configuredKeyring } from "./secret-keyring";

/** Records missing key probes and logs the secrets key health; returns it (null if the database could not be read). */
export const checkSecretKeys = async (): Promise<TSecretsKeyHealth | null> => {
  try {
    const keyring = configuredKeyring();
    await db.secretKeyProbe.createMany({ data: [keyring.current, ...keyring.old].map((key) => ({ keyId: key.id, probe: sealKeyProbe(key) })), skipDuplicates: true });
    const health = await getSecretsKeyHealth();
    const old = health.oldKeyIds.length ? `; old keys ${health.oldKeyIds.join(", ")}` : "";
    if (health.status === "error") {
      console.error(`[secrets] SECRETS_ENCRYPTION_KEY problem (current key ${health.currentKeyId}${old}):\n  ${health.problems.join("\n  ")}`);
    } else {
      console.log(`[secrets] every stored signing secret in use is readable (current key ${health.currentKeyId}${old})`);
    }
    if (health.resealNeeded) console.warn("[secrets] some signing secrets are sealed with an old key (or the v1 format): run `npm run secrets:reseal` before removing an old key from SECRETS_ENCRYPTION_OLD_KEYS.");
    rememberSecretsCheck(health);
    return health;
  } catch (error) {
    console.error("[secrets] could not check the stored signing secrets at start-up:", error instanceof Error ? error.message : error);
    rememberSecretsCheck(null);
    return null;
  }
};
