import { isInngestEnabled } from "@/lib/env";

/**
 * Call after the commit that deleted a callback endpoint. Inngest mode: cancels its deliveries' runs
 * (`callbacks/endpoint.deleted`). In-process there is nothing to do: the dispatcher skips a deleted endpoint.
 */
export const announceEndpointDeleted = async ({ endpointId }: { endpointId: string }): Promise<void> => {
  if (!isInngestEnabled()) return;
  const { callbackEndpointDeleted, inngest } = await import("@/inngest/client");
  await inngest.send(callbackEndpointDeleted.create({ endpointId }, { id: `endpoint-deleted-${endpointId}` }));
};
