import type { ReactNode } from "react";

export const Card = ({ title, children, actions }: { title?: string; children: ReactNode; actions?: ReactNode }) => (
  <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
    {title ? (
      <div className="mb-4 flex items-center justify-between gap-4">
        <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
        {actions}
      </div>
    ) : null}
    {children}
  </section>
);
