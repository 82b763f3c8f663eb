const styles = {
  active: { label: "Active", className: "bg-green-100 text-green-800" },
  paused: { label: "Paused", className: "bg-amber-100 text-amber-900" },
  deleted: { label: "Deleted", className: "bg-slate-200 text-slate-700" },
} as const;

export const StatusBadge = ({ status }: { status: keyof typeof styles }) => (
  <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${styles[status].className}`}>{styles[status].label}</span>
);
