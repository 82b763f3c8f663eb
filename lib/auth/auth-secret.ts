// The key that signs session cookies: NEXTAUTH_SECRET, or in embedded mode one
// generated once under DATA_DIR.
import { env } from "@/lib/env";
import { randomToken } from "@/lib/crypto/random-token";
import { readOrCreateLocalSecret } from "@/lib/crypto/local-secret-file";

let cached: string | undefined;

/** Returns the session signing secret. */
export const getAuthSecret = (): string =>
  (cached ??= env.NEXTAUTH_SECRET ?? readOrCreateLocalSecret({ name: "auth-secret", variable: "NEXTAUTH_SECRET", generate: () => randomToken(32) }));
