// Loads Prisma's WebAssembly schema engine. Its package imports the .wasm the
// way bundlers do, which Node cannot; so we instantiate it ourselves.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

let ready: Promise<void> | undefined;

const wasmPath = () => path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "@prisma", "schema-engine-wasm", "schema_engine_bg.wasm");

const instantiate = async () => {
  // The engine reports panics through this global; without it a panic is an opaque TypeError.
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message: (m: string) => void } };
  g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => console.error(`[schema-engine] panic: ${message}`) };
  const bytes = await readFile(wasmPath());
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
};

/** Opens a schema engine that talks to the database behind the given adapter factory. */
export const openSchemaEngine = async ({ adapterFactory, datamodel }: { adapterFactory: SqlMigrationAwareDriverAdapterFactory; datamodel?: { path: string; content: string } }): Promise<SchemaEngine> => {
  ready ??= instantiate();
  await ready;
  const log = (message: string) => {
    if (/"level":"(ERROR|WARN)"/.test(message)) console.error(`[schema-engine] ${message}`);
  };
  const datamodels: [string, string][] | undefined = datamodel ? [[datamodel.path, datamodel.content]] : undefined;
  return bindings.SchemaEngine.new({ datamodels }, log, bindMigrationAwareSqlAdapterFactory(adapterFactory));
};
