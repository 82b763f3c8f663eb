import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { ActionButtonForm } from "@/components/ui/action-button-form";
import { formatDateTime } from "@/components/ui/format-date";
import { InviteUserForm } from "@/components/users/invite-user-form";
import { requireUser } from "@/lib/auth/require-user";
import { listPendingInvites } from "@/lib/invites/list-pending-invites";
import { listUsers } from "@/lib/users/list-users";
import { inviteUserAction, revokeInviteAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

const UsersPage = async () => {
  const user = await requireUser();
  const isAdmin = user.role === "admin";
  const [users, invites] = await Promise.all([listUsers({ companyId: user.companyId }), isAdmin ? listPendingInvites({ companyId: user.companyId }) : []]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <Card title="Company users">
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr><th className="py-2">Name</th><th>Email</th><th>Role</th><th>Joined</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => (
              <tr key={u.id}>
                <td className="py-2"><Link className="font-medium text-brand-700 underline" href={`/company/users/${u.id}`}>{u.name}</Link>{u.id === user.id ? " (you)" : ""}</td>
                <td>{u.email}</td>
                <td className="capitalize">{u.role}</td>
                <td>{formatDateTime(u.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {isAdmin ? (
        <Card title="Invite a user">
          <p className="mb-4 text-sm text-slate-600">Create a one-time link and send it to the person yourself. Members can see everything but change nothing; admins manage users and integrations.</p>
          <InviteUserForm inviteUserAction={inviteUserAction} />
        </Card>
      ) : null}
      {isAdmin && invites.length > 0 ? (
        <Card title="Pending invites">
          <ul className="divide-y divide-slate-100">
            {invites.map((invite) => (
              <li key={invite.id} className="flex items-center justify-between py-2 text-sm">
                <span>{invite.email} · <span className="capitalize">{invite.role}</span> · expires {formatDateTime(invite.expiresAt)}</span>
                <ActionButtonForm action={revokeInviteAction} fields={{ inviteId: invite.id }} label="Revoke" accessibleLabel={`Revoke invite for ${invite.email}`} />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
};

export default UsersPage;
