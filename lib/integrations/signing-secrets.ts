import type { Connection } from "@/lib/db/generated/client";
import { openSecret, UnreadableSecretError } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors/app-error";
import { secretContext } from "./credentials";
import { isInGrace } from "./grace";

export type TSigningSecret = { variant: "current" | "previous"; secret: string };

// Each unreadable ciphertext is logged once per process, not on every request it fails.
const logged = new Set<string>();
const logUnreadable = ({ connectionId, variant, sealed, error }: { connectionId: string; variant: TSigningSecret["variant"]; sealed: string; error: UnreadableSecretError }) => {
  if (logged.has(sealed)) return;
  if (logged.size > 10_000) logged.clear();
  logged.add(sealed);
  const consequence = variant === "current" ? "its requests answer 503 secret_unavailable" : "it is skipped; the current secret still verifies";
  console.error(`[secrets] connection ${connectionId}: the ${variant} signing secret cannot be read (${error.message}); ${consequence}. Add the key that sealed it to SECRETS_ENCRYPTION_OLD_KEYS, or rotate the secret.`);
};

const tryOpen = ({ connection, variant, sealed }: { connection: Connection; variant: TSigningSecret["variant"]; sealed: string }): string | null => {
  try {
    return openSecret({ sealed, context: secretContext(connection.id) });
  } catch (error) {
    if (!(error instanceof UnreadableSecretError)) throw error;
    logUnreadable({ connectionId: connection.id, variant, sealed, error });
    return null;
  }
};

/**
 * The secrets a signature may be made with right now: the current one, and the
 * previous one within grace. An unreadable previous secret is skipped; an
 * unreadable current one is `secret_unavailable` (503: the sender retries, and
 * nothing is stored), never an unknown error.
 */
export const signingSecrets = ({ connection, now = new Date() }: { connection: Connection; now?: Date }): TSigningSecret[] => {
  const current = tryOpen({ connection, variant: "current", sealed: connection.secretCiphertext });
  if (current === null) throw new AppError("secret_unavailable", "This connection's signing secret cannot be read right now. Nothing was stored; please retry later.");
  const secrets: TSigningSecret[] = [{ variant: "current", secret: current }];
  if (connection.previousSecretCiphertext && isInGrace({ expiresAt: connection.previousSecretExpiresAt, now })) {
    const previous = tryOpen({ connection, variant: "previous", sealed: connection.previousSecretCiphertext });
    if (previous !== null) secrets.push({ variant: "previous", secret: previous });
  }
  return secrets;
};
