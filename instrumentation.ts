// Runs once when the server starts. The NEXT_RUNTIME check must stay literal:
// Next replaces it at build time, which keeps Node-only code out of the edge build.
export const register = async (): Promise<void> => {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First, so that requests carry their socket address (sign-in throttling, lib/auth/read-client-ip.ts).
    const { installPeerAddressHeader } = await import("@/lib/auth/install-peer-address-header");
    installPeerAddressHeader();
    const { startServer } = await import("@/lib/server/start-server");
    await startServer();
  }
};
