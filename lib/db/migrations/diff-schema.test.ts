// The drift check: schema.prisma and prisma/migrations must agree.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diffSchema } from "./diff-schema";

describe("schema drift", () => {
  it("finds no difference between schema.prisma and the migrations", async () => {
    const diff = await diffSchema();
    expect(diff.script, "schema.prisma changed without a migration: run `npm run db:migration -- <name>`").not.toMatch(/CREATE|ALTER|DROP/);
    expect(diff.changed).toBe(false);
  });

  it("reports the missing DDL when the schema has changed", async () => {
    const schema = await readFile(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
    const dir = await mkdtemp(path.join(tmpdir(), "schema-"));
    const changed = path.join(dir, "schema.prisma");
    await writeFile(changed, `${schema}\nmodel DriftProbe {\n  id String @id\n}\n`);
    const diff = await diffSchema({ schemaFile: changed });
    expect(diff.changed).toBe(true);
    expect(diff.script).toContain('CREATE TABLE "DriftProbe"');
  });
});
