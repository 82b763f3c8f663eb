import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { ChangeRoleForm } from "@/components/users/change-role-form";
import { formatDateTime } from "@/components/ui/format-date";
import { RemoveUserForm } from "@/components/users/remove-user-form";
import { requireUser } from "@/lib/auth/require-user";
import { findUser } from "@/lib/users/find-user";
import { changeRoleAction, removeUserAction } from "../actions";

export const metadata: Metadata = { title: "User" };

const UserPage = async ({ params }: { params: Promise<{ userId: string }> }) => {
  const actor = await requireUser();
  const target = await findUser({ companyId: actor.companyId, userId: (await params).userId });
  if (!target) notFound();
  return (
    <div className="space-y-6">
      <Link href="/company/users" className="text-sm text-brand-700 underline">← All users</Link>
      <h1 className="text-2xl font-semibold">{target.name}</h1>
      <Card title="Details">
        <dl className="grid grid-cols-[8rem_1fr] gap-2 text-sm">
          <dt className="text-slate-500">Email</dt><dd>{target.email}</dd>
          <dt className="text-slate-500">Role</dt><dd className="capitalize">{target.role}</dd>
          <dt className="text-slate-500">Joined</dt><dd>{formatDateTime(target.createdAt)}</dd>
        </dl>
      </Card>
      {actor.role === "admin" ? (
        <>
          <Card title="Change role">
            <ChangeRoleForm userId={target.id} role={target.role} changeRoleAction={changeRoleAction} />
          </Card>
          <Card title="Remove from company">
            <RemoveUserForm userId={target.id} name={target.name} removeUserAction={removeUserAction} />
          </Card>
        </>
      ) : null}
    </div>
  );
};

export default UserPage;
