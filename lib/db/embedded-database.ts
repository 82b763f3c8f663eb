// The embedded PGlite database: PostgreSQL in WebAssembly, in this process.
// One process owns a data folder, so the instance is a per-process singleton.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { env } from "@/lib/env";

const holder = globalThis as { __embeddedDatabase?: PGlite };

/** Where the embedded database lives: a folder, or `memory://` for a throwaway one. */
export const embeddedDataDir = (): string => env.PGLITE_DATA_DIR ?? path.join(env.DATA_DIR, "pglite");

/** Returns this process's PGlite instance, opening it on first use. */
export const getEmbeddedDatabase = (): PGlite => {
  if (holder.__embeddedDatabase) return holder.__embeddedDatabase;
  const dataDir = embeddedDataDir();
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  holder.__embeddedDatabase = new PGlite(dataDir);
  return holder.__embeddedDatabase;
};

/** Closes the embedded database (tests and CLI tools). */
export const closeEmbeddedDatabase = async (): Promise<void> => {
  const instance = holder.__embeddedDatabase;
  holder.__embeddedDatabase = undefined;
  if (instance && !instance.closed) await instance.close();
};
