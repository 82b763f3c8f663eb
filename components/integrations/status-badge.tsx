export const StatusBadge = ({ status }: { status: "active" | "paused" }) => (
  <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${status === "active" ? "bg-green-100 text-green-800" : "bg-amber-100 text-amber-900"}`}>
    {status === "active" ? "Active" : "Paused"}
  </span>
);
