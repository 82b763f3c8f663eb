// GET /map-assets/maplibre-gl-worker.mjs — MapLibre's web worker, served from the installed package (a bundler cannot inline it).
import { mapAssetResponse } from "@/lib/fleet/map-asset";

export const GET = async (_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> => mapAssetResponse((await params).file);
