import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ZSignUp } from "@/lib/auth/schemas";
import { uniqueEmail, PASSWORD } from "@/lib/test/factories";
import { signUp } from "./sign-up";

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
