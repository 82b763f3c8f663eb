import type { Metadata } from "next";
import { FleetMap } from "@/components/fleet/fleet-map";
import { requireUser } from "@/lib/auth/require-user";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Map" };

const FleetMapPage = async () => {
  await requireUser();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Fleet map</h1>
      <FleetMap styleUrl={env.NEXT_PUBLIC_MAP_STYLE_URL ?? null} />
    </div>
  );
};

export default FleetMapPage;
