import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { NewConnectionForm } from "@/components/integrations/new-connection-form";
import { requireUser } from "@/lib/auth/require-user";
import { createConnectionAction } from "../actions";

export const metadata: Metadata = { title: "New connection" };

const NewConnectionPage = async () => {
  const user = await requireUser();
  // Members have no create control; the page does not exist for them.
  if (user.role !== "admin") notFound();
  return (
    <div className="space-y-6">
      <Link href="/fleet/integrations" className="text-sm text-brand-700 underline">← Integrations</Link>
      <h1 className="text-2xl font-semibold">New connection</h1>
      <Card>
        <NewConnectionForm createConnectionAction={createConnectionAction} />
      </Card>
    </div>
  );
};

export default NewConnectionPage;
