// Loads Prisma's WebAssembly schema engine. Its package imports the .wasm the
// way bundlers do, which Node cannot; so we instantiate it ourselves.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
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

type TOptions = { adapterFactory: SqlMigrationAwareDriverAdapterFactory; datamodel?: { path: string; content: string } };

/**
 * Runs `work` with a schema engine on the given adapter factory, then frees the
 * engine and disposes every connection it opened. Without the dispose, a pg
 * pool would keep Prisma's migration advisory lock until the process exits.
 */
export const withSchemaEngine = async <T>({ adapterFactory, datamodel }: TOptions, work: (engine: SchemaEngine) => Promise<T>): Promise<T> => {
  ready ??= instantiate();
  await ready;
  const opened: SqlDriverAdapter[] = [];
  const track = async (adapter: Promise<SqlDriverAdapter>) => {
    const connected = await adapter;
    opened.push(connected);
    return connected;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapterFactory.provider,
    adapterName: adapterFactory.adapterName,
    connect: () => track(adapterFactory.connect()),
    connectToShadowDb: () => track(adapterFactory.connectToShadowDb()),
  };
  const log = (message: string) => {
    if (/"level":"(ERROR|WARN)"/.test(message)) console.error(`[schema-engine] ${message}`);
  };
  const datamodels: [string, string][] | undefined = datamodel ? [[datamodel.path, datamodel.content]] : undefined;
  const engine = await bindings.SchemaEngine.new({ datamodels }, log, bindMigrationAwareSqlAdapterFactory(tracked));
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose()));
  }
};
