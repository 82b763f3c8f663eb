// npm run db:migration -- <name> — writes the next migration from schema.prisma.
import { createMigration } from "@/lib/db/migrations/create-migration";

const name = process.argv.slice(2).join("_");
const folder = await createMigration({ name });
console.log(folder ? `Wrote ${folder}/migration.sql — review it, then run npm run db:migrate.` : "schema.prisma matches the migrations: nothing to write.");
