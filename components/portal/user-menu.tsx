"use client";

import { signOut } from "next-auth/react";

export const UserMenu = ({ name, email, role }: { name: string; email: string; role: string }) => (
  <details className="relative">
    <summary className="cursor-pointer list-none rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100" aria-label={`User menu for ${name}`}>
      {name} <span aria-hidden="true">▾</span>
    </summary>
    <div className="absolute right-0 z-10 mt-1 w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
      <p className="px-2 py-1 text-sm text-slate-900">{email}</p>
      <p className="px-2 pb-2 text-xs text-slate-500 capitalize">{role}</p>
      <button type="button" onClick={() => signOut({ callbackUrl: "/login" })} className="w-full rounded px-2 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100">
        Sign out
      </button>
    </div>
  </details>
);
