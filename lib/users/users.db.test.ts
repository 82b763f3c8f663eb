import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createInvite } from "@/lib/invites/create-invite";
import { findInviteByToken } from "@/lib/invites/find-invite-by-token";
import { listPendingInvites } from "@/lib/invites/list-pending-invites";
import { addUser, createCompany, uniqueEmail } from "@/lib/test/factories";
import { changeUserRole } from "./change-user-role";
import { findUser } from "./find-user";
import { listUsers } from "./list-users";
import { removeUser } from "./remove-user";

describe("company users", () => {
  it("lists only the company's own users", async () => {
    const a = await createCompany("A");
    const b = await createCompany("B");
    const member = await addUser({ admin: a.admin });
    const ids = (await listUsers({ companyId: a.companyId })).map((u) => u.id);
    expect(ids.sort()).toEqual([a.admin.id, member.id].sort());
    expect(ids).not.toContain(b.admin.id);
  });

  it("treats another company's user as not found", async () => {
    const a = await createCompany("A");
    const b = await createCompany("B");
    expect(await findUser({ companyId: b.companyId, userId: a.admin.id })).toBeNull();
    await expect(changeUserRole({ actor: b.admin, userId: a.admin.id, role: "member" })).rejects.toMatchObject({ code: "not_found" });
    await expect(removeUser({ actor: b.admin, userId: a.admin.id })).rejects.toMatchObject({ code: "not_found" });
    expect(await db.user.findUnique({ where: { id: a.admin.id } })).toMatchObject({ role: "admin" });
  });

  it("lets a member change nothing", async () => {
    const { admin } = await createCompany();
    const member = await addUser({ admin });
    await expect(changeUserRole({ actor: member, userId: member.id, role: "admin" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(removeUser({ actor: member, userId: admin.id })).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.user.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({ role: "member" });
  });

  it("always keeps one admin", async () => {
    const { admin, companyId } = await createCompany();
    await expect(changeUserRole({ actor: admin, userId: admin.id, role: "member" })).rejects.toMatchObject({ code: "last_admin" });
    await expect(removeUser({ actor: admin, userId: admin.id })).rejects.toMatchObject({ code: "last_admin" });
    const second = await addUser({ admin, role: "admin" });
    await changeUserRole({ actor: second, userId: admin.id, role: "member" });
    await expect(removeUser({ actor: second, userId: second.id })).rejects.toMatchObject({ code: "last_admin" });
    expect(await db.user.count({ where: { companyId, role: "admin" } })).toBe(1);
  });

  it("changes roles and removes users", async () => {
    const { admin } = await createCompany();
    const member = await addUser({ admin });
    await changeUserRole({ actor: admin, userId: member.id, role: "admin" });
    expect(await findUser({ companyId: admin.companyId, userId: member.id })).toMatchObject({ role: "admin" });
    await removeUser({ actor: admin, userId: member.id });
    expect(await db.user.findUnique({ where: { id: member.id } })).toBeNull();
  });

  it("keeps one admin when two admins demote each other at once", async () => {
    const { admin, companyId } = await createCompany();
    const second = await addUser({ admin, role: "admin" });
    const results = await Promise.allSettled([
      changeUserRole({ actor: admin, userId: second.id, role: "member" }),
      changeUserRole({ actor: second, userId: admin.id, role: "member" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { companyId, role: "admin" } })).toBe(1);
  });

  it("revokes the pending invites of an admin who is demoted, in the same change", async () => {
    const { admin } = await createCompany();
    const second = await addUser({ admin, role: "admin" });
    const byDemoted = await createInvite({ actor: second, email: uniqueEmail(), role: "admin" });
    const byOther = await createInvite({ actor: admin, email: uniqueEmail(), role: "member" });
    await changeUserRole({ actor: admin, userId: second.id, role: "member" });
    expect(await findInviteByToken({ token: byDemoted.token })).toEqual({ status: "invalid" });
    expect(await findInviteByToken({ token: byOther.token })).toMatchObject({ status: "valid" });
    expect((await listPendingInvites({ companyId: admin.companyId })).map((i) => i.id)).toEqual([byOther.inviteId]);
    // The session still says admin until it is reloaded: the change itself refuses.
    await expect(createInvite({ actor: second, email: uniqueEmail(), role: "admin" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("revokes the pending invites of a removed admin, in the same change", async () => {
    const { admin } = await createCompany();
    const second = await addUser({ admin, role: "admin" });
    const byRemoved = await createInvite({ actor: second, email: uniqueEmail(), role: "member" });
    const byOther = await createInvite({ actor: admin, email: uniqueEmail(), role: "member" });
    await removeUser({ actor: admin, userId: second.id });
    expect(await findInviteByToken({ token: byRemoved.token })).toEqual({ status: "invalid" });
    expect(await db.invite.findUniqueOrThrow({ where: { id: byRemoved.inviteId } })).toMatchObject({ revokedAt: expect.any(Date), createdById: null });
    expect(await findInviteByToken({ token: byOther.token })).toMatchObject({ status: "valid" });
  });

  it("leaves pending invites alone when a role change is refused", async () => {
    const { admin } = await createCompany();
    const invite = await createInvite({ actor: admin, email: uniqueEmail(), role: "member" });
    await expect(changeUserRole({ actor: admin, userId: admin.id, role: "member" })).rejects.toMatchObject({ code: "last_admin" });
    expect(await findInviteByToken({ token: invite.token })).toMatchObject({ status: "valid" });
  });
});
