// Loads .env files the way `next dev`/`next start` do, so the database tools
// see the same configuration as the app. Import this before anything in lib/.
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd());
