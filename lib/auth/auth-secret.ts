// The key that signs session cookies. From NEXTAUTH_SECRET, or in embedded
// mode generated once under DATA_DIR so that `npm run dev` needs no setup.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { randomToken } from "@/lib/crypto/random-token";

let cached: string | undefined;

/** Returns the session signing secret, creating the embedded one if needed. */
export const getAuthSecret = (): string => {
  if (cached) return cached;
  if (env.NEXTAUTH_SECRET) return (cached = env.NEXTAUTH_SECRET);
  const file = path.join(env.DATA_DIR, "auth-secret");
  try {
    cached = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(env.DATA_DIR, { recursive: true });
    cached = randomToken(32);
    // "wx" fails if another process won the race; then read theirs.
    try {
      writeFileSync(file, cached, { flag: "wx", mode: 0o600 });
      console.warn(`[auth] NEXTAUTH_SECRET is not set: generated one in ${file}. Set NEXTAUTH_SECRET in production.`);
    } catch {
      cached = readFileSync(file, "utf8").trim();
    }
  }
  return cached;
};
