import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/require-user";
import { getCompanyOverview } from "@/lib/companies/get-company-overview";

export const metadata: Metadata = { title: "Fleet" };

const FleetOverviewPage = async () => {
  const user = await requireUser();
  const overview = await getCompanyOverview({ companyId: user.companyId });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Fleet overview</h1>
      <p className="max-w-2xl text-slate-700">
        Welcome, {user.name}. This is {overview.name}&apos;s carrier portal: your telematics and transport systems send truck
        positions, dispatch plans and capacity offers here through signed integration connections.
      </p>
      <Card title="Your fleet">
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <div><dt className="text-sm text-slate-500">Vehicles</dt><dd className="text-2xl font-semibold">{overview.unitCount}</dd></div>
          <div><dt className="text-sm text-slate-500">Connections</dt><dd className="text-2xl font-semibold">{overview.connectionCount}</dd></div>
        </dl>
        <p className="mt-4 flex gap-4 text-sm">
          <Link href="/fleet/map" className="font-medium text-brand-700 underline">Open the map</Link>
          <Link href="/fleet/integrations" className="font-medium text-brand-700 underline">{overview.connectionCount === 0 ? "Create your first connection" : "Manage integrations"}</Link>
        </p>
      </Card>
      <Card title="Your company">
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <div><dt className="text-sm text-slate-500">Users</dt><dd className="text-2xl font-semibold">{overview.userCount}</dd></div>
          <div><dt className="text-sm text-slate-500">Admins</dt><dd className="text-2xl font-semibold">{overview.adminCount}</dd></div>
          <div><dt className="text-sm text-slate-500">Pending invites</dt><dd className="text-2xl font-semibold">{overview.pendingInviteCount}</dd></div>
        </dl>
        <p className="mt-4 text-sm">
          <Link href="/company/users" className="font-medium text-brand-700 underline">Manage users</Link>
        </p>
      </Card>
    </div>
  );
};

export default FleetOverviewPage;
