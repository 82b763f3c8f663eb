// Applies pending migrations with Prisma's WebAssembly schema engine, recording
// them in _prisma_migrations exactly as `prisma migrate deploy` does.
import { createAdapterFactory } from "@/lib/db/adapter-factory";
import { withSchemaEngine } from "./schema-engine";
import { readMigrations } from "./read-migrations";

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies every migration the configured database lacks; returns their names. */
export const applyMigrations = async (): Promise<string[]> =>
  withSchemaEngine({ adapterFactory: createAdapterFactory() }, async (engine) => {
    const migrationsList = await readMigrations();
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return appliedMigrationNames;
  });
