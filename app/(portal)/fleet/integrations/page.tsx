import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format-date";
import { StatusBadge } from "@/components/integrations/status-badge";
import { requireUser } from "@/lib/auth/require-user";
import { summarizeCallbackHealth, type TCallbackHealth } from "@/lib/callbacks/endpoints/summarize-callback-health";
import { listConnections } from "@/lib/integrations/list-connections";
import type { TConnectionView } from "@/lib/integrations/types";

export const metadata: Metadata = { title: "Integrations" };

type TProps = { searchParams: Promise<{ show?: string }> };

const FILTERS = [
  { key: "current", label: "Current", href: "/fleet/integrations" },
  { key: "deleted", label: "Deleted", href: "/fleet/integrations?show=deleted" },
] as const;

const ConnectionFilter = ({ showDeleted }: { showDeleted: boolean }) => (
  <nav aria-label="Filter connections" className="flex gap-2 text-sm">
    {FILTERS.map((f) => {
      const current = (f.key === "deleted") === showDeleted;
      return (
        <Link key={f.key} href={f.href} aria-current={current ? "page" : undefined}
          className={`rounded-full px-3 py-1 ${current ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}>
          {f.label}
        </Link>
      );
    })}
  </nav>
);

const NameLink = ({ c }: { c: TConnectionView }) => <Link href={`/fleet/integrations/${c.id}`} className="font-medium text-brand-700 underline">{c.name}</Link>;

const DeletedTable = ({ connections }: { connections: TConnectionView[] }) => (
  <Card>
    <p className="mb-4 text-sm text-slate-600">Deleted connections no longer accept data. Their messages and audit trail are kept, read-only.</p>
    <table className="w-full text-left text-sm">
      <thead className="text-slate-500">
        <tr><th className="py-2">Name</th><th>Connector</th><th>Created</th><th>Deleted</th><th>Last message</th></tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {connections.map((c) => (
          <tr key={c.id}>
            <td className="py-2"><NameLink c={c} /></td>
            <td>{c.connectorLabel}</td>
            <td>{formatDateTime(c.createdAt)}</td>
            <td>{c.deletedAt ? formatDateTime(c.deletedAt) : null}</td>
            <td>{c.lastMessageAt ? formatDateTime(c.lastMessageAt) : <span className="text-slate-500">No messages</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </Card>
);

// Disabled or failing callback endpoints show on the list, so nobody has to open a connection to find out.
const CallbackHealthNote = ({ health, connectionName }: { health?: TCallbackHealth; connectionName: string }) => {
  if (!health) return null;
  const parts = [health.disabled > 0 && `${health.disabled} callback endpoint${health.disabled === 1 ? "" : "s"} disabled`, health.failing > 0 && `${health.failing} callback endpoint${health.failing === 1 ? "" : "s"} failing`].filter(Boolean);
  return (
    <span role="status" aria-label={`Callbacks of ${connectionName}: ${parts.join(", ")}`} className={`ml-2 inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${health.disabled > 0 ? "bg-red-100 text-red-800" : "bg-orange-100 text-orange-900"}`}>
      {parts.join(", ")}
    </span>
  );
};

const IntegrationsPage = async ({ searchParams }: TProps) => {
  const user = await requireUser();
  const showDeleted = (await searchParams).show === "deleted";
  const connections = await listConnections({ companyId: user.companyId, deleted: showDeleted });
  const callbackHealth = showDeleted ? new Map<string, TCallbackHealth>() : await summarizeCallbackHealth({ companyId: user.companyId, connectionIds: connections.map((c) => c.id) });
  const newButton = user.role === "admin" ? <Link href="/fleet/integrations/new" className={buttonClass("primary")}>New connection</Link> : null;
  const list = showDeleted ? (
    connections.length === 0 ? <Card title="No deleted connections"><p className="text-sm text-slate-700">Connections you delete are listed here with their audit trail.</p></Card> : <DeletedTable connections={connections} />
  ) : connections.length === 0 ? (
    <Card title="No connections yet">
      <p className="max-w-2xl text-sm text-slate-700">
        A connection is how one of your systems (a telematics provider, your dispatch or transport management system) sends us truck
        positions, dispatch plans and free-capacity offers. Each connection has its own secret inbound URL and its own signing secret:
        the integrator signs every request body with HMAC-SHA256 and POSTs it to that URL, and the data appears in your fleet.
      </p>
      {user.role === "admin" ? <p className="mt-4">{newButton}</p> : <p className="mt-4 text-sm text-slate-600">Ask a company admin to create one.</p>}
    </Card>
  ) : (
    <Card>
      <table className="w-full text-left text-sm">
        <thead className="text-slate-500">
          <tr><th className="py-2">Name</th><th>Connector</th><th>Status</th><th>Created</th><th>Last message</th><th>Messages (24 h)</th><th>Dropped (24 h)</th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {connections.map((c) => (
            <tr key={c.id}>
              <td className="py-2"><NameLink c={c} /></td>
              <td>{c.connectorLabel}</td>
              <td><StatusBadge status={c.status} /><CallbackHealthNote health={callbackHealth.get(c.id)} connectionName={c.name} /></td>
              <td>{formatDateTime(c.createdAt)}</td>
              <td>{c.lastMessageAt ? formatDateTime(c.lastMessageAt) : <span className="text-slate-500">No messages yet</span>}</td>
              <td>{c.messages24h}</td>
              <td>{c.dropped24h}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Integrations</h1>
        {newButton}
      </div>
      <ConnectionFilter showDeleted={showDeleted} />
      {list}
    </div>
  );
};

export default IntegrationsPage;
