// Prisma CLI configuration. The app itself never reads this: lib/db/client.ts
// picks the driver adapter. DATABASE_URL is only needed by the stock CLI
// (`prisma migrate deploy`), which production operators may use.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
