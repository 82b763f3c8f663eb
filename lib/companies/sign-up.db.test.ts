import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { ZSignUp } from "@/lib/auth/schemas";
import { uniqueEmail, PASSWORD } from "@/lib/test/factories";
import { signUp } from "./sign-up";

// Counts password hashes, to prove a throttled sign-up never reaches argon2.
const hashes = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/auth/hash-password", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/hash-password")>();
  return { ...original, hashPassword: async (password: string) => ((hashes.count += 1), original.hashPassword(password)) };
});

const ip = () => `10.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`;
const input = (email = uniqueEmail()) => ZSignUp.parse({ companyName: "Throttled Haulage", name: "Tom", email, password: PASSWORD });

describe("signUp", () => {
  it("creates the company and its first user as admin, with a hashed password", async () => {
    const email = uniqueEmail();
    const { companyId, userId } = await signUp(ZSignUp.parse({ companyName: "Nordfracht GmbH", name: "Nora", email, password: PASSWORD }));
    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { company: true } });
    expect(user).toMatchObject({ companyId, email, role: "admin" });
    expect(user.company.name).toBe("Nordfracht GmbH");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses an email that already has an account, storing nothing", async () => {
    const email = uniqueEmail();
    await signUp(ZSignUp.parse({ companyName: "First", name: "A", email, password: PASSWORD }));
    const companiesBefore = await db.company.count();
    // The schema lower-cases emails, so a different case is the same account.
    const again = ZSignUp.parse({ companyName: "Second", name: "B", email: email.toUpperCase(), password: PASSWORD });
    await expect(signUp(again)).rejects.toMatchObject({ code: "email_taken" });
    expect(await db.company.count()).toBe(companiesBefore);
  });

  it("validates what people type, with readable messages", () => {
    const result = ZSignUp.safeParse({ companyName: "", name: "", email: "nope", password: "short" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
    expect(messages).toMatchObject({ companyName: "Enter your company's name.", name: "Enter a name.", password: "Use at least 10 characters." });
    expect(messages.email).toMatch(/valid email/);
  });
});

describe("sign-up throttling", () => {
  it("allows 10 sign-ups per address per hour, then refuses before hashing and stores nothing", async () => {
    const address = ip();
    for (let i = 0; i < 10; i++) await signUp({ ...input(), ip: address });
    const companies = await db.company.count();
    hashes.count = 0;
    await expect(signUp({ ...input(), ip: address })).rejects.toMatchObject({ code: "too_many_attempts", message: expect.stringMatching(/Try again in 60 minutes/) });
    expect(hashes.count).toBe(0);
    expect(await db.company.count()).toBe(companies);
    await expect(signUp({ ...input(), ip: ip() })).resolves.toMatchObject({ companyId: expect.any(String) });
  });

  it("counts attempts for one email from any address, so probing it is slowed too", async () => {
    const email = uniqueEmail();
    await signUp({ ...input(email), ip: ip() });
    for (let i = 0; i < 4; i++) await expect(signUp({ ...input(email), ip: ip() })).rejects.toMatchObject({ code: "email_taken" });
    await expect(signUp({ ...input(email), ip: ip() })).rejects.toMatchObject({ code: "too_many_attempts" });
  });

  it("creates at most the limit of companies from 30 parallel sign-ups of one address", async () => {
    const address = ip();
    const before = await db.company.count();
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => signUp({ ...input(), ip: address })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    expect(await db.company.count()).toBe(before + 10);
  });

  it("keys on the throttle table with its own prefixes, apart from sign-in", async () => {
    const address = ip();
    const email = uniqueEmail();
    await signUp({ ...input(email), ip: address });
    const keys = (await db.signInThrottle.findMany({ where: { key: { in: [`signup-email:${email}`, `signup-ip:${address}`, `email:${email}`, `ip:${address}`] } } })).map((row) => row.key);
    expect(keys.sort()).toEqual([`signup-email:${email}`, `signup-ip:${address}`]);
  });
});
