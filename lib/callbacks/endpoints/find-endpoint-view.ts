import { db } from "@/lib/db/client";
import { listEndpoints } from "./list-endpoints";
import type { TEndpointView } from "./types";

/** One live endpoint of the company with its health and whether its connection is deleted (read-only); null for another company's. */
export const findEndpointView = async ({ companyId, endpointId, now = new Date() }: { companyId: string; endpointId: string; now?: Date }): Promise<(TEndpointView & { connectionDeleted: boolean }) | null> => {
  const [view] = await listEndpoints({ companyId, endpointId, now });
  if (!view) return null;
  const connection = await db.connection.findFirstOrThrow({ where: { id: view.connectionId, companyId }, select: { deletedAt: true } });
  return { ...view, connectionDeleted: connection.deletedAt !== null };
};
