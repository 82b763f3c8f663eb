import type { NextConfig } from "next";
import { env } from "./lib/env";
import { buildSecurityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The inbound URL carries a connection's secret token: never log it.
  logging: { incomingRequests: { ignore: [/\/integrations\/inbound\//] } },
  // Loaded by Node at run time, not bundled: WebAssembly and native modules.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/schema-engine-wasm", "@node-rs/argon2", "pg"],
  // Every response, pages and API routes alike. Computed when the app is built (like
  // NEXT_PUBLIC_MAP_STYLE_URL), so they cost the front door nothing per request.
  headers: async () => [
    {
      source: "/:path*",
      headers: buildSecurityHeaders({ nodeEnv: env.NODE_ENV, publicUrls: [env.NEXTAUTH_URL, env.PUBLIC_BASE_URL], mapStyleUrl: env.NEXT_PUBLIC_MAP_STYLE_URL }),
    },
  ],
};

export default nextConfig;
