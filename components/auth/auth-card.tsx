import Link from "next/link";
import type { ReactNode } from "react";

export const AuthCard = ({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) => (
  <main className="flex min-h-screen items-center justify-center px-4 py-12">
    <div className="w-full max-w-md">
      <Link href="/" className="mb-6 block text-center text-sm font-semibold text-brand-700">Carrier Portal</Link>
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="mb-6 text-2xl font-semibold">{title}</h1>
        {children}
      </div>
      <p className="mt-4 text-center text-sm text-slate-600">{footer}</p>
    </div>
  </main>
);
