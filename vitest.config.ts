// Three projects: unit tests (no database); database tests on an in-memory
// PGlite per file; and, when TEST_DATABASE_URL is set, the same database tests
// against that PostgreSQL server (a fresh database per file).
import path from "node:path";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const root = import.meta.dirname;
const alias = { "@": root, "server-only": path.join(root, "lib/test/server-only.ts") };
const exclude = ["node_modules/**", "e2e/**", ".next/**", ".data/**"];
const testEnv = {
  NODE_ENV: "test" as const,
  NEXTAUTH_SECRET: "test-only-secret-0123456789abcdef0123456789",
  SECRETS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  // Required with DATABASE_URL, which the db-postgres project sets.
  NEXTAUTH_URL: "http://localhost:3000",
  DATA_DIR: path.join(root, ".data", "test"),
};

const dbProject = (name: string, target: string): TestProjectInlineConfiguration => ({
  resolve: { alias },
  test: {
    name,
    include: ["**/*.db.test.ts"],
    exclude,
    env: { ...testEnv, TEST_DB_TARGET: target, PGLITE_DATA_DIR: "memory://" },
    setupFiles: ["lib/test/setup-database.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

const projects: TestProjectInlineConfiguration[] = [
  { resolve: { alias }, test: { name: "unit", include: ["**/*.test.ts"], exclude: [...exclude, "**/*.db.test.ts"], env: testEnv, testTimeout: 30_000 } },
  dbProject("db-pglite", "pglite"),
];
if (process.env.TEST_DATABASE_URL) projects.push(dbProject("db-postgres", "postgres"));

export default defineConfig({ test: { projects } });
