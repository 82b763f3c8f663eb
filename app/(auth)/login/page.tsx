import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { getSessionUser } from "@/lib/auth/get-session-user";
import { safeCallbackPath } from "@/lib/auth/public-paths";

export const metadata: Metadata = { title: "Sign in" };

const LoginPage = async ({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) => {
  const callbackPath = safeCallbackPath({ value: (await searchParams).callbackUrl });
  if (await getSessionUser()) redirect(callbackPath);
  return (
    <AuthCard title="Sign in" footer={<>New to the portal? <Link className="font-medium text-brand-700 underline" href="/signup">Create account</Link></>}>
      <LoginForm callbackPath={callbackPath} />
    </AuthCard>
  );
};

export default LoginPage;
