import { describe, expect, it } from "vitest";
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
    expect(parseEnv({ DATABASE_URL: "postgres://localhost/db", NEXTAUTH_SECRET: "x".repeat(32), SECRETS_ENCRYPTION_KEY: key }).DATABASE_URL).toBe("postgres://localhost/db");
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
    const base = { DATABASE_URL: "postgres://localhost/db", NEXTAUTH_SECRET: "x".repeat(32) };
    expect(() => parseEnv(base)).toThrow(/SECRETS_ENCRYPTION_KEY: is required/);
    expect(() => parseEnv({ ...base, SECRETS_ENCRYPTION_KEY: "c2hvcnQ=" })).toThrow(/SECRETS_ENCRYPTION_KEY: must be 32 random bytes/);
    expect(parseEnv({ ...base, SECRETS_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64") }).SECRETS_ENCRYPTION_KEY).toBeDefined();
  });
});
