import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id; the package exports it as a const enum, unusable with isolatedModules.
const ARGON2ID = 2;

// OWASP's argon2id baseline (19 MiB, 2 passes).
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id. */
export const hashPassword = (password: string): Promise<string> => hash(password, options);

/** Checks a password against an argon2id hash; false for a malformed hash. */
export const verifyPassword = async ({ hash: stored, password }: { hash: string; password: string }): Promise<boolean> => {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
};
