import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "./index";

describe("parseEnv", () => {
  it("defaults to the embedded database with no variables set", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toBe(".data");
    expect(env.DATABASE_CONNECT_TIMEOUT_MS).toBe(5_000);
  });

  it("names a DATABASE_URL that is not PostgreSQL", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must start with postgres/);
  });

  it("requires NEXTAUTH_SECRET with DATABASE_URL", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgres://localhost/db" })).toThrow(/NEXTAUTH_SECRET: is required/);
    const key = Buffer.alloc(32, 1).toString("base64");
    expect(parseEnv({ DATABASE_URL: "postgres://localhost/db", NEXTAUTH_SECRET: "x".repeat(32), SECRETS_ENCRYPTION_KEY: key, NEXTAUTH_URL: "https://portal.example.com" }).DATABASE_URL).toBe("postgres://localhost/db");
  });

  it("lists every invalid variable at once", () => {
    expect(() => parseEnv({ DATABASE_POOL_MAX: "lots", NEXTAUTH_SECRET: "short" })).toThrow(/DATABASE_POOL_MAX[\s\S]*NEXTAUTH_SECRET|NEXTAUTH_SECRET[\s\S]*DATABASE_POOL_MAX/);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });
});

describe("secrets encryption key", () => {
  it("is required with DATABASE_URL and must be 32 bytes", () => {
    const base = { DATABASE_URL: "postgres://localhost/db", NEXTAUTH_SECRET: "x".repeat(32), NEXTAUTH_URL: "https://portal.example.com" };
    expect(() => parseEnv(base)).toThrow(/SECRETS_ENCRYPTION_KEY: is required/);
    expect(() => parseEnv({ ...base, SECRETS_ENCRYPTION_KEY: "c2hvcnQ=" })).toThrow(/SECRETS_ENCRYPTION_KEY: must be 32 random bytes/);
    expect(parseEnv({ ...base, SECRETS_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64") }).SECRETS_ENCRYPTION_KEY).toBeDefined();
  });
});

describe("configuration that used to fail silently", () => {
  const production = { DATABASE_URL: "postgres://localhost/db", NEXTAUTH_SECRET: "x".repeat(32), SECRETS_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64") };

  it("requires NEXTAUTH_URL with DATABASE_URL", () => {
    expect(() => parseEnv(production)).toThrow(/NEXTAUTH_URL: is required when DATABASE_URL is set/);
    expect(parseEnv({ ...production, NEXTAUTH_URL: "https://portal.example.com" }).NEXTAUTH_URL).toBe("https://portal.example.com");
    expect(parseEnv({}).NEXTAUTH_URL).toBeUndefined();
  });

  it("stops start-up when INNGEST_EVENT_KEY comes without INNGEST_SIGNING_KEY", () => {
    expect(() => parseEnv({ INNGEST_EVENT_KEY: "evt" })).toThrow(/INNGEST_SIGNING_KEY: is required when INNGEST_EVENT_KEY is set/);
    expect(parseEnv({ INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: "signkey-prod-abc" }).INNGEST_EVENT_KEY).toBe("evt");
    expect(parseEnv({ INNGEST_SIGNING_KEY: "signkey-prod-abc" }).INNGEST_EVENT_KEY).toBeUndefined();
  });

  it.each([
    ["0", false], ["false", false], ["FALSE", false], ["no", false], ["off", false], [" Off ", false],
    ["1", true], ["true", true], ["yes", true], ["on", true], ["ON", true], ["http://localhost:8288", true],
  ])("reads INNGEST_DEV=%j as %s", (value, expected) => {
    expect(parseEnv({ INNGEST_DEV: value }).INNGEST_DEV).toBe(expected);
  });

  it("is off without INNGEST_DEV, and names a value it cannot read", () => {
    expect(parseEnv({}).INNGEST_DEV).toBe(false);
    for (const value of ["2", "enabled", "tru", "localhost:8288"]) expect(() => parseEnv({ INNGEST_DEV: value })).toThrow(/INNGEST_DEV: must be 1\/true\/yes\/on/);
  });

  it("trusts no proxy hop by default and bounds TRUSTED_PROXY_HOPS", () => {
    expect(parseEnv({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    for (const value of ["-1", "1.5", "many", "11"]) expect(() => parseEnv({ TRUSTED_PROXY_HOPS: value })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});

describe("INNGEST_DEV as the Inngest SDK reads it", () => {
  const original = process.env.INNGEST_DEV;
  afterEach(() => {
    if (original === undefined) delete process.env.INNGEST_DEV;
    else process.env.INNGEST_DEV = original;
    vi.resetModules();
  });

  // The SDK would take "off" for the host name of a Dev Server at http://off.
  it.each([["off", "0", false], ["yes", "1", true], ["http://127.0.0.1:8288", "http://127.0.0.1:8288", true]])("rewrites %j to %j for the SDK", async (value, seen, enabled) => {
    process.env.INNGEST_DEV = value;
    vi.resetModules();
    const fresh = await import("./index");
    expect(process.env.INNGEST_DEV).toBe(seen);
    expect(fresh.isInngestEnabled()).toBe(enabled);
  });
});
