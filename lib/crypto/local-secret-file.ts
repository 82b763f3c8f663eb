// A secret generated once and kept under DATA_DIR, for the embedded mode only,
// so `npm run dev` needs no setup. Production sets the variable instead.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/** Reads DATA_DIR/<name>, creating it with `generate()` the first time. */
export const readOrCreateLocalSecret = ({ name, generate, variable }: { name: string; generate: () => string; variable: string }): string => {
  const file = path.join(env.DATA_DIR, name);
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(env.DATA_DIR, { recursive: true });
    const value = generate();
    try {
      // "wx" fails if another process created it first; then use theirs.
      writeFileSync(file, value, { flag: "wx", mode: 0o600 });
      console.warn(`[config] ${variable} is not set: generated one in ${file}. Set ${variable} in production.`);
      return value;
    } catch {
      return readFileSync(file, "utf8").trim();
    }
  }
};
