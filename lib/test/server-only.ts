// Vitest stand-in for "server-only", which throws outside Next's server bundles.
export {};
