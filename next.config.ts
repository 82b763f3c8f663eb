import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The inbound URL carries a connection's secret token: never log it.
  logging: { incomingRequests: { ignore: [/\/integrations\/inbound\//] } },
  // Loaded by Node at run time, not bundled: WebAssembly and native modules.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/schema-engine-wasm", "@node-rs/argon2", "pg"],
};

export default nextConfig;
