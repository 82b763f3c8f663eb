import type { TDb, TTx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import type { CallbackEndpoint } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";

/**
 * A live callback endpoint of the company (its connection not deleted either); another company's, a deleted
 * one, or one of a deleted connection is `not_found`. Pass `lock` inside a transaction to row-lock it.
 */
export const findEndpointOrThrow = async ({ companyId, endpointId, client = db, lock = false }: { companyId: string; endpointId: string; client?: TDb | TTx; lock?: boolean }): Promise<CallbackEndpoint> => {
  const found = lock
    ? await client.$queryRaw<{ id: string }[]>`
        SELECT e.id FROM callback_endpoints e JOIN connections c ON c.id = e.connection_id
        WHERE e.id = ${endpointId} AND e.company_id = ${companyId} AND e.deleted_at IS NULL AND c.deleted_at IS NULL
        FOR UPDATE OF e`
    : await client.$queryRaw<{ id: string }[]>`
        SELECT e.id FROM callback_endpoints e JOIN connections c ON c.id = e.connection_id
        WHERE e.id = ${endpointId} AND e.company_id = ${companyId} AND e.deleted_at IS NULL AND c.deleted_at IS NULL`;
  if (found.length === 0) throw new AppError("not_found", "This callback endpoint does not exist.");
  return client.callbackEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
};
