import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { applyMigrations } from "./apply-migrations";
import { migrationsDir } from "./read-migrations";

describe("applyMigrations", () => {
  it("records every migration as `prisma migrate deploy` would", async () => {
    const folders = (await readdir(migrationsDir(), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const rows = await db.$queryRaw<{ migration_name: string; finished_at: Date | null; checksum: string }[]>`
      SELECT migration_name, finished_at, checksum FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
    for (const row of rows) {
      expect(row.finished_at).not.toBeNull();
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("applies nothing the second time", async () => {
    expect(await applyMigrations()).toEqual([]);
  });

  it("creates the schema's tables", async () => {
    const tables = await db.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`;
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["companies", "users", "invites", "sign_in_throttles"]));
  });
});
