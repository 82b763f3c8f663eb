// A pull connector's credentials (passwords, API keys, client secrets) are
// stored as one sealed JSON object, bound to the connection like its signing
// secret; a vendor session is sealed the same way, bound to its purpose.
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";

const context = (connectionId: string, purpose: "connector-secrets" | "connector-session") => `connection:${connectionId}:${purpose}`;

/** Seals a JSON value for a connection. */
export const sealConnectorValue = ({ connectionId, purpose, value }: { connectionId: string; purpose: "connector-secrets" | "connector-session"; value: unknown }): string =>
  sealSecret({ plaintext: JSON.stringify(value), context: context(connectionId, purpose) });

/** Opens a sealed JSON value of a connection; null when there is none. Throws UnreadableSecretError for a ciphertext no key opens. */
export const openConnectorValue = ({ connectionId, purpose, sealed }: { connectionId: string; purpose: "connector-secrets" | "connector-session"; sealed: string | null }): unknown =>
  sealed === null ? null : JSON.parse(openSecret({ sealed, context: context(connectionId, purpose) }));
