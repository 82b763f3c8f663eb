"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

type TSection = { title: string; links: { href: string; label: string; exact?: boolean }[] };

// Only pages that exist are linked; each feature adds its own entry here.
const sections: TSection[] = [
  { title: "Fleet", links: [{ href: "/fleet", label: "Overview", exact: true }, { href: "/fleet/map", label: "Map" }, { href: "/fleet/integrations", label: "Integrations" }] },
  { title: "Company", links: [{ href: "/company/users", label: "Users" }] },
];

export const PortalNav = () => {
  const pathname = usePathname();
  return (
    <nav aria-label="Portal" className="space-y-6">
      {sections.map((section) => (
        <div key={section.title}>
          <h2 className="px-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">{section.title}</h2>
          <ul className="mt-2 space-y-1">
            {section.links.map((link) => {
              const active = pathname === link.href || (!link.exact && pathname.startsWith(`${link.href}/`));
              return (
                <li key={link.href}>
                  <Link href={link.href} aria-current={active ? "page" : undefined} className={`block rounded-md px-3 py-2 text-sm ${active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}>
                    {link.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
};
