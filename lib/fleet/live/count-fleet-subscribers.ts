import { fleetHub } from "./fleet-hub";

/** How many open streams of this process listen for the company's fleet changes (for diagnostics and leak tests). */
export const countFleetSubscribers = ({ companyId }: { companyId: string }): number => fleetHub.emitter.listenerCount(companyId);
