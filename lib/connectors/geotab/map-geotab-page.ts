// One fetched LogRecord page (plus the enrichment the caller holds) → the messages to land, and the cursor to store
// once all of them are committed. A full GetFeed page (50,000) exceeds the front door's 10,000 positions per
// message, so a page may become several messages; de-duplication on the LogRecord id makes re-landing harmless.
import { MAX_ENTRIES } from "@/lib/ingest/normalize/normalize-envelope";
import type { TGeotabMessage } from "./geotab-envelope";
import type { TFeedRecord, TRoute, TZone } from "./geotab-types";
import { mapGeotabPlans } from "./map-geotab-plans";
import { mapGeotabPositions, type TPositionContext } from "./map-geotab-positions";

export type TMapGeotabPage = TPositionContext & {
  logRecords: TFeedRecord[];
  /** The page's toVersion: the LogRecord cursor to store after the page's messages are committed. */
  toVersion: string;
  routes?: TRoute[];
  zones?: TZone[];
  maxPositionsPerMessage?: number;
};

/** Maps a page; plans ride in the first message; a page with nothing to land gives no message (only the cursor). */
export const mapGeotabPage = ({ logRecords, toVersion, routes = [], zones = [], maxPositionsPerMessage = MAX_ENTRIES.positions, ...context }: TMapGeotabPage) => {
  const mapped = mapGeotabPositions({ logRecords, context });
  const plans = mapGeotabPlans({ routes, zones, devices: context.devices, unitIdFrom: context.unitIdFrom });
  const size = Math.max(1, Math.min(maxPositionsPerMessage, MAX_ENTRIES.positions));
  const messages: TGeotabMessage[] = [];
  const hasPlans = plans.plans.length > 0;
  for (let start = 0; start < mapped.positions.length || (start === 0 && hasPlans); start += size) {
    const first = start === 0;
    messages.push({
      envelope: { positions: mapped.positions.slice(start, start + size), plans: first ? plans.plans : [], availability: [] },
      recordKeys: { positions: mapped.recordKeys.slice(start, start + size), plans: first ? plans.recordKeys : [] },
    });
  }
  return { messages, cursor: { toVersion }, unknownDeviceIds: mapped.unknownDeviceIds };
};
