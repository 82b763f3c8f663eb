import type { Connection } from "@/lib/db/generated/client";
import { openSecret } from "@/lib/crypto/secret-box";
import { secretContext } from "./credentials";
import { isInGrace } from "./grace";

export type TSigningSecret = { variant: "current" | "previous"; secret: string };

/** The secrets a signature may be made with right now: the current one, and the previous one within grace. */
export const signingSecrets = ({ connection, now = new Date() }: { connection: Connection; now?: Date }): TSigningSecret[] => {
  const context = secretContext(connection.id);
  const secrets: TSigningSecret[] = [{ variant: "current", secret: openSecret({ sealed: connection.secretCiphertext, context }) }];
  if (connection.previousSecretCiphertext && isInGrace({ expiresAt: connection.previousSecretExpiresAt, now })) {
    secrets.push({ variant: "previous", secret: openSecret({ sealed: connection.previousSecretCiphertext, context }) });
  }
  return secrets;
};
