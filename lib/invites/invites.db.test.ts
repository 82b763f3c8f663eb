import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { authorizeCredentials } from "@/lib/auth/authorize-credentials";
import { addUser, createCompany, PASSWORD, uniqueEmail } from "@/lib/test/factories";
import { acceptInvite } from "./accept-invite";
import { createInvite, INVITE_TTL_MS } from "./create-invite";
import { findInviteByToken } from "./find-invite-by-token";
import { listPendingInvites } from "./list-pending-invites";
import { revokeInvite } from "./revoke-invite";

// Counts password hashes, to prove what reaches argon2.
const hashes = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/auth/hash-password", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/hash-password")>();
  return { ...original, hashPassword: async (password: string) => ((hashes.count += 1), original.hashPassword(password)) };
});

describe("invites", () => {
  it("stores only a hash of the one-time token", async () => {
    const { admin } = await createCompany();
    const { token, inviteId } = await createInvite({ actor: admin, email: uniqueEmail(), role: "member" });
    const row = await db.invite.findUniqueOrThrow({ where: { id: inviteId } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("turns into a user who can sign in, exactly once", async () => {
    const { admin, companyId } = await createCompany("Invite Co");
    const email = uniqueEmail();
    const { token } = await createInvite({ actor: admin, email, role: "member" });
    expect(await findInviteByToken({ token })).toEqual({ status: "valid", email, role: "member", companyName: "Invite Co" });
    await acceptInvite({ token, name: "Max Member", password: PASSWORD });
    expect(await authorizeCredentials({ email, password: PASSWORD, ip: "127.0.0.9" })).toMatchObject({ companyId, role: "member" });
    expect(await findInviteByToken({ token })).toEqual({ status: "invalid" });
    await expect(acceptInvite({ token, name: "Again", password: PASSWORD })).rejects.toMatchObject({ code: "invite_invalid" });
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it("refuses expired, revoked and unknown links", async () => {
    const { admin } = await createCompany();
    const past = new Date(Date.now() - INVITE_TTL_MS - 1_000);
    const expired = await createInvite({ actor: admin, email: uniqueEmail(), role: "member", now: past });
    await expect(acceptInvite({ token: expired.token, name: "X", password: PASSWORD })).rejects.toMatchObject({ code: "invite_invalid" });
    const revoked = await createInvite({ actor: admin, email: uniqueEmail(), role: "member" });
    await revokeInvite({ actor: admin, inviteId: revoked.inviteId });
    await expect(acceptInvite({ token: revoked.token, name: "X", password: PASSWORD })).rejects.toMatchObject({ code: "invite_invalid" });
    await expect(acceptInvite({ token: "made-up", name: "X", password: PASSWORD })).rejects.toMatchObject({ code: "invite_invalid" });
    expect(await listPendingInvites({ companyId: admin.companyId })).toEqual([]);
  });

  it("replaces a pending invite for the same email", async () => {
    const { admin } = await createCompany();
    const email = uniqueEmail();
    const first = await createInvite({ actor: admin, email, role: "member" });
    const second = await createInvite({ actor: admin, email, role: "admin" });
    expect(await findInviteByToken({ token: first.token })).toEqual({ status: "invalid" });
    expect(await findInviteByToken({ token: second.token })).toMatchObject({ status: "valid", role: "admin" });
  });

  it("refuses an email that has an account with one answer, whichever company it is in", async () => {
    const { admin } = await createCompany();
    const colleague = await addUser({ admin });
    const other = await createCompany();
    const ownAnswer = await createInvite({ actor: admin, email: colleague.email, role: "member" }).catch((e: unknown) => e);
    const otherAnswer = await createInvite({ actor: admin, email: other.admin.email, role: "member" }).catch((e: unknown) => e);
    expect(ownAnswer).toMatchObject({ code: "email_taken", message: "This address cannot be invited. Check your company's users, or ask the person for another address." });
    expect(otherAnswer).toMatchObject({ code: (ownAnswer as { code: string }).code, message: (ownAnswer as Error).message });
    expect(await db.invite.count({ where: { companyId: admin.companyId, email: { in: [colleague.email, other.admin.email] }, acceptedAt: null } })).toBe(0);
  });

  it("checks the token before hashing the password", async () => {
    const { admin } = await createCompany();
    const revoked = await createInvite({ actor: admin, email: uniqueEmail(), role: "member" });
    await revokeInvite({ actor: admin, inviteId: revoked.inviteId });
    hashes.count = 0;
    await expect(acceptInvite({ token: "made-up", name: "X", password: PASSWORD })).rejects.toMatchObject({ code: "invite_invalid" });
    await expect(acceptInvite({ token: revoked.token, name: "X", password: PASSWORD })).rejects.toMatchObject({ code: "invite_invalid" });
    expect(hashes.count).toBe(0);
    const valid = await createInvite({ actor: admin, email: uniqueEmail(), role: "member" });
    await acceptInvite({ token: valid.token, name: "Val", password: PASSWORD });
    expect(hashes.count).toBe(1);
  });

  it("lets only one of two simultaneous accepts through", async () => {
    const { admin } = await createCompany();
    const email = uniqueEmail();
    const { token } = await createInvite({ actor: admin, email, role: "member" });
    const results = await Promise.allSettled([acceptInvite({ token, name: "One", password: PASSWORD }), acceptInvite({ token, name: "Two", password: PASSWORD })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it("is for admins only, and for their own company", async () => {
    const { admin } = await createCompany();
    const member = await addUser({ admin });
    await expect(createInvite({ actor: member, email: uniqueEmail(), role: "admin" })).rejects.toMatchObject({ code: "forbidden" });
    const { inviteId } = await createInvite({ actor: admin, email: uniqueEmail(), role: "member" });
    const other = await createCompany();
    await expect(revokeInvite({ actor: other.admin, inviteId })).rejects.toMatchObject({ code: "not_found" });
    expect(await listPendingInvites({ companyId: other.companyId })).toEqual([]);
    expect(await listPendingInvites({ companyId: admin.companyId })).toHaveLength(1);
  });
});
