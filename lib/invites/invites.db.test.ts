import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { authorizeCredentials } from "@/lib/auth/authorize-credentials";
import { addUser, createCompany, PASSWORD, uniqueEmail } from "@/lib/test/factories";
import { acceptInvite } from "./accept-invite";
import { createInvite, INVITE_TTL_MS } from "./create-invite";
import { findInviteByToken } from "./find-invite-by-token";
import { listPendingInvites } from "./list-pending-invites";
import { revokeInvite } from "./revoke-invite";

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

  it("refuses an email that already has an account", async () => {
    const { admin } = await createCompany();
    const other = await createCompany();
    await expect(createInvite({ actor: admin, email: other.admin.email, role: "member" })).rejects.toMatchObject({ code: "email_taken" });
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
