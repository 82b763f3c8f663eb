import { openSecret, sealSecret, UnreadableSecretError } from "./secret-box";

/**
 * A sealed secret sealed again with the current key (so a rotation's grace or overlap survives dropping an
 * old key); null when no configured key opens it, as there is then nothing to keep.
 */
export const resealIfReadable = ({ sealed, context }: { sealed: string; context: string }): string | null => {
  try {
    return sealSecret({ plaintext: openSecret({ sealed, context }), context });
  } catch (error) {
    if (error instanceof UnreadableSecretError) return null;
    throw error;
  }
};
