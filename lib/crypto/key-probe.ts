// A key's probe: a known value sealed with that key and stored in
// secret_key_probes. Opening it at start-up proves the configured key with
// that id is the key that sealed the stored secrets, before any request needs one.
import { openSecret, sealSecret, UnreadableSecretError } from "./secret-box";
import { createKeyring, type TSecretKey } from "./secret-keyring";

const PROBE_PLAINTEXT = "carrier-portal secret key probe";
const probeContext = (keyId: string) => `secret-key-probe:${keyId}`;

/** Seals the probe for `key`. */
export const sealKeyProbe = (key: TSecretKey): string => sealSecret({ plaintext: PROBE_PLAINTEXT, context: probeContext(key.id), keyring: createKeyring({ current: key.key }) });

/** True when `probe` was sealed by exactly this key. */
export const opensKeyProbe = ({ probe, key }: { probe: string; key: TSecretKey }): boolean => {
  try {
    return openSecret({ sealed: probe, context: probeContext(key.id), keyring: createKeyring({ current: key.key }) }) === PROBE_PLAINTEXT;
  } catch (error) {
    if (error instanceof UnreadableSecretError) return false;
    throw error;
  }
};
