// The pull connectors the scheduler can run, by slug. A connection of a
// connector not listed here is never polled.
import type { TPullConnector } from "./types";

const connectors = new Map<string, TPullConnector>();

/** Adds a connector (at module load of its adapter, or in tests). */
export const registerPullConnector = (connector: TPullConnector): void => {
  connectors.set(connector.slug, connector);
};

/** The connector for a connection's slug, if it pulls. */
export const findPullConnector = (slug: string): TPullConnector | undefined => connectors.get(slug);
