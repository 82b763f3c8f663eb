import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInviteForm } from "@/components/auth/accept-invite-form";
import { findInviteByToken } from "@/lib/invites/find-invite-by-token";
import { acceptInviteAction } from "./actions";

export const metadata: Metadata = { title: "Accept invite", referrer: "no-referrer" };

const InvitePage = async ({ params }: { params: Promise<{ token: string }> }) => {
  const { token } = await params;
  const invite = await findInviteByToken({ token });
  const footer = <>Already have an account? <Link className="font-medium text-brand-700 underline" href="/login">Sign in</Link></>;
  if (invite.status === "invalid") {
    return (
      <AuthCard title="This invite link is no longer valid" footer={footer}>
        <p className="text-sm text-slate-700">It may have been used already, revoked, or it expired. Ask your company admin for a new invite link.</p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Join ${invite.companyName}`} footer={footer}>
      <p className="mb-4 text-sm text-slate-700">You were invited as {invite.role === "admin" ? "an admin" : "a member"}. Choose your name and a password to finish.</p>
      <AcceptInviteForm token={token} email={invite.email} acceptInviteAction={acceptInviteAction} />
    </AuthCard>
  );
};

export default InvitePage;
