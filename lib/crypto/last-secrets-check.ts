// The start-up check's result, kept for /api/health: the check reads and
// decrypts every stored secret, too costly to repeat on every health probe.
import type { TSecretsKeyHealth } from "./get-secrets-key-health";

export type TSecretsHealth = { status: "ok" | "error" | "unchecked"; resealNeeded: boolean; problems: number };

const holder = globalThis as { __lastSecretsCheck?: TSecretsKeyHealth | null };

/** Remembers the start-up check's result (null: the check could not run). */
export const rememberSecretsCheck = (health: TSecretsKeyHealth | null): void => {
  holder.__lastSecretsCheck = health;
};

/** The last start-up check, as health reports it: counts and flags only, never key material. */
export const lastSecretsCheck = (): TSecretsHealth => {
  const health = holder.__lastSecretsCheck;
  if (!health) return { status: "unchecked", resealNeeded: false, problems: 0 };
  return { status: health.status, resealNeeded: health.resealNeeded, problems: health.problems.length };
};
