// MyGeotab's error bodies → the scheduler's kinds, for both error shapes and the OverLimit variants.
import { describe, expect, it } from "vitest";
import { classifyGeotabError } from "./classify-geotab-error";
import { ZGeotabSettings } from "./geotab-types";

const NOW = Date.parse("2026-07-01T12:00:00Z");
const modern = (type: string, message: string) => ({ error: { code: -32000, message, data: { type } }, jsonrpc: "2.0" });
const legacy = (type: string, message: string) => ({ error: { name: "JSONRPCError", message, errors: [{ name: type, message }] }, jsonrpc: "2.0" });

describe("classifyGeotabError", () => {
  it.each([
    [modern("InvalidUserException", "Incorrect login credentials"), undefined, { kind: "auth" }],
    [legacy("InvalidUserException", "Incorrect login credentials"), undefined, { kind: "auth" }],
    [modern("OverLimitException", "API calls quota exceeded. Maximum admitted 10 per 1m."), "40", { kind: "rate_limited", retryAfterMs: 40_000 }],
    [legacy("OverLimitException", "API calls quota exceeded. Maximum admitted 1 per 1s."), "0.5", { kind: "rate_limited", retryAfterMs: 500 }],
    [modern("OverLimitException", "API calls quota exceeded. Maximum admitted 10 per 1m."), "Wed, 01 Jul 2026 12:00:30 GMT", { kind: "rate_limited", retryAfterMs: 30_000 }],
    [modern("OverLimitException", "API calls quota exceeded. Maximum admitted 10 per 1m."), undefined, { kind: "rate_limited", retryAfterMs: 60_000 }],
    [modern("OverLimitException", "Supplied results limit (50001) exceeds maximum limit (50000)."), undefined, { kind: "permanent" }],
    [modern("DbUnavailableException", "Database is Initializing"), undefined, { kind: "transient" }],
    [legacy("DbUnavailableException", "UnknownDatabase: database 'x' was not found"), undefined, { kind: "auth" }],
    [modern("MissingMethodException", "The method 'Foo' could not be found."), undefined, { kind: "permanent" }],
    [{ error: { message: "odd" } }, undefined, { kind: "permanent", vendorType: "UnknownException" }],
  ])("classifies %j (Retry-After %s) as %j", (body, retryAfter, expected) => {
    expect(classifyGeotabError({ body, retryAfter, nowMs: NOW })).toMatchObject(expected);
  });

  it("keeps the vendor's message and names the exception", () => {
    expect(classifyGeotabError({ body: modern("InvalidUserException", "Incorrect login credentials"), retryAfter: undefined, nowMs: NOW })?.message).toBe("MyGeotab: Incorrect login credentials (InvalidUserException)");
  });

  it("finds no error in a result", () => {
    expect(classifyGeotabError({ body: { result: [], jsonrpc: "2.0" }, retryAfter: undefined, nowMs: NOW })).toBeNull();
    expect(classifyGeotabError({ body: undefined, retryAfter: undefined, nowMs: NOW })).toBeNull();
  });
});

describe("ZGeotabSettings", () => {
  it("defaults the server to my.geotab.com and the unit id to the device name; needs database and user", () => {
    expect(ZGeotabSettings.parse({ database: "acme", userName: "api@acme.example" })).toEqual({ server: "my.geotab.com", database: "acme", userName: "api@acme.example", unitIdFrom: "name" });
    expect(ZGeotabSettings.safeParse({ server: "my.geotab.com", userName: "x" }).success).toBe(false);
    expect(ZGeotabSettings.safeParse({ database: "a", userName: "b", unitIdFrom: "vin" }).success).toBe(false);
  });
});
