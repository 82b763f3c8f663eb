import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createCompany, PASSWORD } from "@/lib/test/factories";
import { authorizeCredentials } from "./authorize-credentials";
import { claimThrottleAttempt } from "./claim-throttle-attempt";
import { readClientIp } from "./read-client-ip";
import { buildSignInThrottleKeys } from "./build-sign-in-throttle-keys";

// Counts every password verification, to prove which attempts reached it.
const verifications = vi.hoisted(() => ({ count: 0 }));
vi.mock("./hash-password", async (importOriginal) => {
  const original = await importOriginal<typeof import("./hash-password")>();
  return {
    ...original,
    verifyPassword: async (input: { hash: string; password: string }) => {
      verifications.count += 1;
      return original.verifyPassword(input);
    },
  };
});

const ip = () => `10.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`;
const WINDOW_MS = 15 * 60_000;

describe("authorizeCredentials", () => {
  it("returns the user with company and role for the right password", async () => {
    const { admin } = await createCompany();
    const user = await authorizeCredentials({ email: admin.email.toUpperCase(), password: PASSWORD, ip: ip() });
    expect(user).toMatchObject({ id: admin.id, companyId: admin.companyId, role: "admin" });
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const { admin } = await createCompany();
    await expect(authorizeCredentials({ email: admin.email, password: "wrong password", ip: ip() })).rejects.toThrow("Email or password is incorrect.");
    await expect(authorizeCredentials({ email: "nobody@example.com", password: "wrong password", ip: ip() })).rejects.toThrow("Email or password is incorrect.");
  });

  it("locks an email after 5 failures, even for the right password", async () => {
    const { admin } = await createCompany();
    for (let i = 0; i < 5; i++) await expect(authorizeCredentials({ email: admin.email, password: "nope", ip: ip() })).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(authorizeCredentials({ email: admin.email, password: PASSWORD, ip: ip() })).rejects.toMatchObject({ code: "too_many_attempts" });
  });

  it("locks an IP address that tries many emails", async () => {
    const address = ip();
    for (let i = 0; i < 20; i++) await authorizeCredentials({ email: `guess${i}@example.com`, password: "nope", ip: address }).catch(() => undefined);
    const { admin } = await createCompany();
    await expect(authorizeCredentials({ email: admin.email, password: PASSWORD, ip: address })).rejects.toMatchObject({ code: "too_many_attempts" });
    expect(await authorizeCredentials({ email: admin.email, password: PASSWORD, ip: ip() })).toMatchObject({ id: admin.id });
  });

  it("forgets an email's failures after a successful sign-in", async () => {
    const { admin } = await createCompany();
    for (let i = 0; i < 4; i++) await authorizeCredentials({ email: admin.email, password: "nope", ip: ip() }).catch(() => undefined);
    await authorizeCredentials({ email: admin.email, password: PASSWORD, ip: ip() });
    expect(await db.signInThrottle.findUnique({ where: { key: `email:${admin.email}` } })).toBeNull();
  });

  it("does not count successful sign-ins against an office's address", async () => {
    const address = ip();
    const { admin } = await createCompany();
    for (let i = 0; i < 30; i++) await authorizeCredentials({ email: admin.email, password: PASSWORD, ip: address });
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: `ip:${address}` } })).failures).toBe(0);
  });
});

describe("parallel guesses", () => {
  it("verifies at most the email's limit of 30 parallel wrong guesses; the rest are too_many_attempts", async () => {
    const { admin } = await createCompany();
    verifications.count = 0;
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => authorizeCredentials({ email: admin.email, password: "wrong guess", ip: ip() })));
    const codes = results.map((r) => (r.status === "rejected" ? (r.reason as { code: string }).code : "signed_in"));
    expect(verifications.count).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === "unauthenticated")).toHaveLength(verifications.count);
    expect(codes.filter((c) => c === "too_many_attempts")).toHaveLength(30 - verifications.count);
    await expect(authorizeCredentials({ email: admin.email, password: PASSWORD, ip: ip() })).rejects.toMatchObject({ code: "too_many_attempts" });
  });

  it("verifies at most the address's limit when one address sprays 30 emails in parallel", async () => {
    const address = ip();
    verifications.count = 0;
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => authorizeCredentials({ email: `spray${i}-${address}@example.com`, password: "wrong guess", ip: address })));
    expect(verifications.count).toBeLessThanOrEqual(20);
    expect(results.filter((r) => r.status === "rejected" && (r.reason as { code: string }).code === "too_many_attempts")).toHaveLength(30 - verifications.count);
  });
});

describe("the address a sign-in is counted against", () => {
  // What authorize() receives under `next start`: request headers with the stamped socket address.
  const headersFrom = (socket: string, forwardedFor?: string) => ({ "x-portal-peer-address": socket, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) });

  it("is the socket's at 0 hops: spraying spoofed X-Forwarded-For values still hits one limit", async () => {
    (globalThis as Record<symbol, unknown>)[Symbol.for("carrier-portal.peer-address-header")] = true;
    const attacker = ip();
    const attempts = Array.from({ length: 25 }, (_, i) => authorizeCredentials({ email: `xff${i}-${attacker}@example.com`, password: "nope", ip: readClientIp({ headers: headersFrom(attacker, ip()), trustedProxyHops: 0 }) }).catch((e: { code: string }) => e.code));
    const codes = [];
    for (const attempt of attempts) codes.push(await attempt);
    expect(codes.filter((c) => c === "too_many_attempts").length).toBeGreaterThanOrEqual(5);
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: `ip:${attacker}` } })).failures).toBeGreaterThanOrEqual(20);
  });

  it("cannot be a victim's address named in a spoofed header: the victim still signs in", async () => {
    const victim = ip();
    const attacker = ip();
    for (let i = 0; i < 25; i++) {
      await authorizeCredentials({ email: `lock${i}-${victim}@example.com`, password: "nope", ip: readClientIp({ headers: headersFrom(attacker, victim), trustedProxyHops: 0 }) }).catch(() => undefined);
    }
    expect(await db.signInThrottle.findUnique({ where: { key: `ip:${victim}` } })).toBeNull();
    const { admin } = await createCompany();
    expect(await authorizeCredentials({ email: admin.email, password: PASSWORD, ip: readClientIp({ headers: headersFrom(victim), trustedProxyHops: 0 }) })).toMatchObject({ id: admin.id });
  });

  it("counts an IPv6 client's whole /64 as one address", async () => {
    const keys = (address: string) => buildSignInThrottleKeys({ email: "a@b.c", ip: address }).map((k) => k.key);
    expect(keys("2001:db8:1:2:aaaa::1")[1]).toBe("ip:2001:db8:1:2::/64");
    expect(keys("2001:db8:1:2:ffff:ffff:ffff:ffff")[1]).toBe("ip:2001:db8:1:2::/64");
    expect(keys("2001:db8::1")[1]).toBe("ip:2001:db8:0:0::/64");
    expect(keys("203.0.113.7")[1]).toBe("ip:203.0.113.7");
  });
});

describe("sign-in lock window", () => {
  const keysFor = (email: string) => buildSignInThrottleKeys({ email, ip: null });

  it("ends the lock after the lock period", async () => {
    const keys = keysFor("window@example.com");
    const start = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < 5; i++) expect(await claimThrottleAttempt({ keys, windowMs: WINDOW_MS, now: start })).toEqual({ allowed: true });
    expect(await claimThrottleAttempt({ keys, windowMs: WINDOW_MS, now: new Date("2026-01-01T10:14:00Z") })).toEqual({ allowed: false, retryAfterMs: 60_000 });
    expect(await claimThrottleAttempt({ keys, windowMs: WINDOW_MS, now: new Date("2026-01-01T10:15:01Z") })).toEqual({ allowed: true });
  });

  it("starts counting afresh once the window has passed", async () => {
    const keys = keysFor("fresh@example.com");
    for (let i = 0; i < 4; i++) await claimThrottleAttempt({ keys, windowMs: WINDOW_MS, now: new Date("2026-01-01T10:00:00Z") });
    expect(await claimThrottleAttempt({ keys, windowMs: WINDOW_MS, now: new Date("2026-01-01T11:00:00Z") })).toEqual({ allowed: true });
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: keys[0]!.key } })).failures).toBe(1);
  });

  it("gives a key with room its attempt back when another key refuses", async () => {
    const keys = [{ key: "email:room@example.com", maxAttempts: 5 }, { key: "ip:192.0.2.200", maxAttempts: 1 }];
    const now = new Date("2026-01-01T10:00:00Z");
    expect(await claimThrottleAttempt({ keys, windowMs: WINDOW_MS, now })).toEqual({ allowed: true });
    expect(await claimThrottleAttempt({ keys, windowMs: WINDOW_MS, now })).toMatchObject({ allowed: false });
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: "email:room@example.com" } })).failures).toBe(1);
  });
});

describe("unknown client address", () => {
  it("does not lock everyone out through one shared key", async () => {
    for (let i = 0; i < 25; i++) await authorizeCredentials({ email: `nobody${i}@example.com`, password: "nope", ip: null }).catch(() => undefined);
    const { admin } = await createCompany();
    expect(await authorizeCredentials({ email: admin.email, password: PASSWORD, ip: null })).toMatchObject({ id: admin.id });
    expect(buildSignInThrottleKeys({ email: "a@b.c", ip: null }).map((k) => k.key)).toEqual(["email:a@b.c"]);
  });
});
