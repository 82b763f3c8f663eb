// The one place that reads process.env. Validated once, at first import:
// a missing or invalid variable stops start-up with a message naming it.
import { z } from "zod";
import { parseAllowedCidrs } from "../net/parse-allowed-cidrs";

const ZDatabaseUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://");

// "0"/"false" must mean off (a plain Boolean() of the string was true). A URL is
// Inngest's own form for "on, with the Dev Server at this address".
const inngestDevWords: Record<string, boolean> = { "1": true, true: true, yes: true, on: true, "0": false, false: false, no: false, off: false };
const ZInngestDev = z
  .string()
  .transform((v, ctx) => {
    const word = inngestDevWords[v.trim().toLowerCase()];
    if (word !== undefined) return word;
    if (/^https?:\/\/[^\s]+$/i.test(v.trim())) return true;
    ctx.addIssue({ code: "custom", message: "must be 1/true/yes/on, 0/false/no/off, or the Dev Server's URL" });
    return z.NEVER;
  })
  .default(false);

const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    NEXT_RUNTIME: z.enum(["nodejs", "edge"]).optional(),
    DATABASE_URL: ZDatabaseUrl.optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    DATA_DIR: z.string().min(1).default(".data"),
    PGLITE_DATA_DIR: z.string().min(1).optional(),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    NEXTAUTH_URL: z.url("must be a URL such as https://portal.example.com").optional(),
    SECRETS_ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 random bytes, base64-encoded (openssl rand -base64 32)")
      .optional(),
    INBOUND_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(64 * 1024 * 1024).default(1024 * 1024),
    INBOUND_RATE_LIMIT_PER_SECOND: z.coerce.number().min(0.1).max(100_000).default(20),
    INBOUND_RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(1_000_000).default(100),
    // Requests that fail the signature draw from their own small bucket, so they cannot use up the real sender's.
    INBOUND_UNVERIFIED_RATE_PER_SECOND: z.coerce.number().min(0.1).max(100_000).default(1),
    INBOUND_UNVERIFIED_BURST: z.coerce.number().int().min(1).max(1_000_000).default(10),
    INNGEST_DEV: ZInngestDev,
    INNGEST_EVENT_KEY: z.string().optional(),
    INNGEST_SIGNING_KEY: z.string().optional(),
    INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
    // A message waiting this long without being processed (its dispatch was lost) is dispatched again.
    INGEST_RECOVER_AFTER_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    // A run's claim on a message holds this long; after it, the recovery sweep hands the message to another run.
    INGEST_CLAIM_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
    INTERNAL_BASE_URL: z.url("must be a URL such as http://127.0.0.1:3000").optional(),
    NEXT_PUBLIC_MAP_STYLE_URL: z.url("must be the URL of a MapLibre style JSON").optional(),
    FLEET_STALE_AFTER_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(30),
    PUBLIC_BASE_URL: z.url("must be a URL such as https://api.example.com").optional(),
    SIGN_IN_MAX_FAILURES_PER_EMAIL: z.coerce.number().int().min(1).default(5),
    SIGN_IN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20),
    SIGN_IN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
    // Retention (lib/retention): raw bodies of finished messages, then whole receipts (message rows and their issues).
    RETENTION_RAW_BODY_DAYS: z.coerce.number().int().min(1).max(36_500).default(30),
    // A duplicate within the 7-day de-duplication window answers with the original message's id, so it must still exist.
    RETENTION_RECEIPTS_DAYS: z.coerce.number().int().min(7, "must be at least 7 (the de-duplication window)").max(36_500).default(90),
    // Earlier SECRETS_ENCRYPTION_KEYs, still accepted for decryption while `npm run secrets:reseal` moves secrets to the current key.
    SECRETS_ENCRYPTION_OLD_KEYS: z
      .string()
      .transform((v) => v.split(",").map((k) => k.trim()).filter((k) => k !== ""))
      .refine((keys) => keys.every((k) => Buffer.from(k, "base64").length === 32), "must be comma-separated keys, each 32 random bytes, base64-encoded")
      .default([]),
    // The port this server listens on; `next start -p`/`next dev -p` set it before the app loads. "Send test" reaches the front door here.
    PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
    // Auth hardening: the proxies whose X-Forwarded-For entries are believed, sign-up throttling, health.
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    SIGN_UP_MAX_PER_IP: z.coerce.number().int().min(1).default(10),
    SIGN_UP_MAX_PER_EMAIL: z.coerce.number().int().min(1).default(5),
    SIGN_UP_WINDOW_MINUTES: z.coerce.number().int().min(1).default(60),
    // /api/health reports processing as degraded once the oldest unprocessed message is older than this.
    HEALTH_MAX_BACKLOG_AGE_SECONDS: z.coerce.number().int().min(10).default(300),
    // Callback deliveries (lib/callbacks/deliver): how long a receiver has to answer, and how many requests are in flight at once.
    CALLBACK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
    CALLBACK_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(64),
    CALLBACK_PER_ENDPOINT_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
    // Networks the SSRF guard lets outbound requests (callbacks, pull connectors) reach although they are not public.
    OUTBOUND_ALLOWED_CIDRS: z
      .string()
      .transform((v, ctx) => {
        const parsed = parseAllowedCidrs(v);
        if (parsed.ok) return parsed.cidrs;
        ctx.addIssue({ code: "custom", message: `must be comma-separated CIDRs such as 10.20.0.0/16,fd00::/8; not a CIDR: ${parsed.invalid.map((e) => JSON.stringify(e)).join(", ")}` });
        return z.NEVER;
      })
      .default([]),
  })
  .superRefine((value, ctx) => {
    // Several production instances must share one secret; a generated file would differ per host.
    if (value.DATABASE_URL && !value.NEXTAUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: "is required when DATABASE_URL is set (generate one with `openssl rand -base64 32`)" });
    }
    if (value.DATABASE_URL && !value.SECRETS_ENCRYPTION_KEY) {
      ctx.addIssue({ code: "custom", path: ["SECRETS_ENCRYPTION_KEY"], message: "is required when DATABASE_URL is set (generate one with `openssl rand -base64 32`)" });
    }
    // Without it next-auth guesses the origin per request and never sets secure cookies.
    if (value.DATABASE_URL && !value.NEXTAUTH_URL) {
      ctx.addIssue({ code: "custom", path: ["NEXTAUTH_URL"], message: "is required when DATABASE_URL is set: the portal's public URL, e.g. https://portal.example.com (redirects, secure cookies)" });
    }
    // Inngest Cloud calls /api/inngest signed with this key; without it every message would get its 202 and never be processed.
    if (value.INNGEST_EVENT_KEY && !value.INNGEST_SIGNING_KEY) {
      ctx.addIssue({ code: "custom", path: ["INNGEST_SIGNING_KEY"], message: "is required when INNGEST_EVENT_KEY is set (Inngest cannot run the processing functions without it; both come from the Inngest dashboard)" });
    }
  });

export type TEnv = z.infer<typeof ZEnv>;

/** Parses an environment object, throwing one error that names every bad variable. */
export const parseEnv = (source: Record<string, string | undefined>): TEnv => {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = ZEnv.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example for every variable.`);
};

export const env: TEnv = parseEnv(process.env);

// The Inngest SDK reads INNGEST_DEV itself and takes any word it cannot parse as a
// boolean ("yes", "off") for a Dev Server host name; the canonical form keeps both readings equal.
if (process.env.INNGEST_DEV && !/^https?:\/\//i.test(process.env.INNGEST_DEV.trim())) process.env.INNGEST_DEV = env.INNGEST_DEV ? "1" : "0";

/** Inngest mode: INNGEST_DEV on or INNGEST_EVENT_KEY set. Otherwise messages are processed in this process. */
export const isInngestEnabled = (): boolean => env.INNGEST_DEV || Boolean(env.INNGEST_EVENT_KEY);

/** Embedded mode: no DATABASE_URL, so PGlite in this process. */
export const isEmbeddedDatabase = (): boolean => !env.DATABASE_URL;
