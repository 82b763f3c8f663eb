import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";

// Only these files, by exact name: nothing else of node_modules is reachable.
const ASSETS: Record<string, string> = { "maplibre-gl-worker.mjs": "maplibre-gl/dist/maplibre-gl-worker.mjs" };
const cache = new Map<string, Buffer>();

/** Serves one of MapLibre's runtime files, cached in memory. */
export const mapAssetResponse = async (file: string): Promise<Response> => {
  const relative = ASSETS[file];
  if (!relative) return Response.json({ error: { code: "not_found", message: "Not found." } }, { status: 404 });
  let body = cache.get(file);
  if (!body) {
    body = await readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", relative));
    cache.set(file, body);
  }
  return new Response(new Uint8Array(body), { headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=86400" } });
};
