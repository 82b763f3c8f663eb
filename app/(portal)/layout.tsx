import Link from "next/link";
import type { ReactNode } from "react";
import { PortalNav } from "@/components/portal/portal-nav";
import { UserMenu } from "@/components/portal/user-menu";
import { requireUser } from "@/lib/auth/require-user";

const PortalLayout = async ({ children }: { children: ReactNode }) => {
  const user = await requireUser();
  return (
    <div className="min-h-screen">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-6 py-3">
        <div className="flex items-center gap-4">
          <Link href="/fleet" className="text-sm font-semibold text-brand-700">Carrier Portal</Link>
          <span className="text-slate-300" aria-hidden="true">|</span>
          <span className="text-sm font-medium text-slate-900" data-testid="company-name">{user.companyName}</span>
        </div>
        <UserMenu name={user.name} email={user.email} role={user.role} />
      </header>
      <div className="flex">
        <aside className="w-56 shrink-0 border-r border-slate-200 bg-white px-3 py-6">
          <PortalNav />
        </aside>
        <main className="min-w-0 flex-1 px-8 py-8">{children}</main>
      </div>
    </div>
  );
};

export default PortalLayout;
