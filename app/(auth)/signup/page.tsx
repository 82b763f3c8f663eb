import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignupForm } from "@/components/auth/signup-form";
import { getSessionUser } from "@/lib/auth/get-session-user";
import { signUpAction } from "./actions";

export const metadata: Metadata = { title: "Create account" };

const SignupPage = async () => {
  if (await getSessionUser()) redirect("/fleet");
  return (
    <AuthCard title="Create your carrier account" footer={<>Already have an account? <Link className="font-medium text-brand-700 underline" href="/login">Sign in</Link></>}>
      <SignupForm signUpAction={signUpAction} />
    </AuthCard>
  );
};

export default SignupPage;
