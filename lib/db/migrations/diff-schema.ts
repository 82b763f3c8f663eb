// Compares prisma/migrations with schema.prisma. The migrations are replayed
// on a throwaway in-memory PGlite (the shadow database), so no server is needed.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { withSchemaEngine } from "./schema-engine";
import { migrationsDir, readMigrations, schemaPath } from "./read-migrations";

export type TSchemaDiff = { changed: boolean; script: string };

/** Returns the SQL that would bring the migrations up to schema.prisma. */
export const diffSchema = async ({ baseDir = migrationsDir(), schemaFile = schemaPath() }: { baseDir?: string; schemaFile?: string } = {}): Promise<TSchemaDiff> => {
  const scratch = new PGlite();
  try {
    const content = await readFile(schemaFile, "utf8");
    const from = { tag: "migrations" as const, ...(await readMigrations(baseDir)) };
    const to = { tag: "schemaDatamodel" as const, files: [{ path: path.relative(process.cwd(), schemaFile), content }] };
    const result = await withSchemaEngine({ adapterFactory: new PrismaPGlite(scratch) }, (engine) =>
      engine.diff({ from, to, script: true, exitCode: true, filters: { externalTables: [], externalEnums: [] } }),
    );
    return { changed: result.exitCode === 2, script: result.stdout ?? "" };
  } finally {
    await scratch.close();
  }
};
