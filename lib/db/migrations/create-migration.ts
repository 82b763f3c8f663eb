// Writes the next migration folder from the changes in schema.prisma.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { diffSchema } from "./diff-schema";
import { migrationsDir } from "./read-migrations";

const timestamp = (now: Date) => now.toISOString().replace(/[-:T]/g, "").slice(0, 14);

/** Creates `<timestamp>_<name>/migration.sql`; returns its folder, or null when nothing changed. */
export const createMigration = async ({ name, now = new Date() }: { name: string; now?: Date }): Promise<string | null> => {
  const slug = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
  if (!slug) throw new Error("Give the migration a name, e.g. `npm run db:migration -- add_connections`.");
  const { changed, script } = await diffSchema();
  if (!changed) return null;
  const folder = path.join(migrationsDir(), `${timestamp(now)}_${slug}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "migration.sql"), script);
  return folder;
};
