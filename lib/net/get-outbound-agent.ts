// One guarded Agent per process, so connections to an origin are pooled and reused across requests.
import type { Agent } from "undici";
import { env } from "@/lib/env";
import { createGuardedAgent } from "./create-guarded-agent";

const holder = globalThis as unknown as { outboundAgent?: Agent };

/** The process's guarded Agent, configured from OUTBOUND_ALLOWED_CIDRS. */
export const getOutboundAgent = (): Agent => {
  holder.outboundAgent ??= createGuardedAgent({ allowedCidrs: env.OUTBOUND_ALLOWED_CIDRS });
  return holder.outboundAgent;
};
