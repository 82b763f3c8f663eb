// Reads prisma/migrations in the layout `prisma migrate deploy` uses.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { MigrationList } from "@prisma/schema-engine-wasm";

export const migrationsDir = (): string => path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");
export const schemaPath = (): string => path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "schema.prisma");

const readOrNull = (file: string) => readFile(file, "utf8").catch(() => null);

/** Loads every migration folder and the lock file into the engine's format. */
export const readMigrations = async (baseDir: string = migrationsDir()): Promise<MigrationList> => {
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = await Promise.all(
    folders.map(async (folder) => {
      const content = await readOrNull(path.join(baseDir, folder, "migration.sql"));
      return {
        path: folder,
        migrationFile: {
          path: "migration.sql",
          content: content === null ? { tag: "error" as const, value: "migration.sql is missing" } : { tag: "ok" as const, value: content },
        },
      };
    }),
  );
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: await readOrNull(path.join(baseDir, "migration_lock.toml")) },
    shadowDbInitScript: "",
    migrationDirectories,
  };
};
