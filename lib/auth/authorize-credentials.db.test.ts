import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createCompany, PASSWORD } from "@/lib/test/factories";
import { authorizeCredentials } from "./authorize-credentials";
import { assertSignInAllowed, recordSignInFailure, throttleKeys } from "./sign-in-throttle";

const ip = () => `10.0.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`;

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
});

describe("sign-in lock window", () => {
  it("ends the lock after the lock period", async () => {
    const keys = throttleKeys({ email: "window@example.com", ip: ip() }).slice(0, 1);
    const start = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < 5; i++) await recordSignInFailure({ keys, now: start });
    await expect(assertSignInAllowed({ keys, now: new Date("2026-01-01T10:14:00Z") })).rejects.toThrow(/Try again in 1 minute/);
    await expect(assertSignInAllowed({ keys, now: new Date("2026-01-01T10:15:01Z") })).resolves.toBeUndefined();
  });

  it("starts counting afresh once the window has passed", async () => {
    const keys = throttleKeys({ email: "fresh@example.com", ip: ip() }).slice(0, 1);
    for (let i = 0; i < 4; i++) await recordSignInFailure({ keys, now: new Date("2026-01-01T10:00:00Z") });
    await recordSignInFailure({ keys, now: new Date("2026-01-01T11:00:00Z") });
    await expect(assertSignInAllowed({ keys, now: new Date("2026-01-01T11:00:01Z") })).resolves.toBeUndefined();
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: keys[0]!.key } })).failures).toBe(1);
  });
});

describe("unknown client address", () => {
  it("does not lock everyone out through one shared key", async () => {
    for (let i = 0; i < 25; i++) await authorizeCredentials({ email: `nobody${i}@example.com`, password: "nope", ip: null }).catch(() => undefined);
    const { admin } = await createCompany();
    expect(await authorizeCredentials({ email: admin.email, password: PASSWORD, ip: null })).toMatchObject({ id: admin.id });
    expect(throttleKeys({ email: "a@b.c", ip: null }).map((k) => k.key)).toEqual(["email:a@b.c"]);
  });
});
