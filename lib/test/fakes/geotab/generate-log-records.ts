// LogRecords made on demand from their index, so the benchmark's 500,000 records over 10,000 devices
// are never in memory at once: a feed page materialises only its own slice.
import { deviceIdAt } from "./generate-devices";
import type { TEntitySource, TLogRecord } from "./geotab-types";

type TOptions = {
  count: number;
  devices: number;
  /** Time of the first round of positions (ms since the epoch); each later round is `intervalMs` after it. */
  startMs: number;
  intervalMs?: number;
};

/** Round-robin over the devices (record i is device i mod devices, round ⌊i/devices⌋), dates non-decreasing. */
export const generateLogRecords = ({ count, devices, startMs, intervalMs = 30_000 }: TOptions): TEntitySource<TLogRecord> => {
  // Pages walk rounds in order, so formatting each round's date once saves most of the cost of a record.
  let cachedRound = -1;
  let cachedDate = "";
  const dateOf = (round: number) => {
    if (round !== cachedRound) [cachedRound, cachedDate] = [round, new Date(startMs + round * intervalMs).toISOString()];
    return cachedDate;
  };
  return {
    length: count,
    at: (index) => {
      if (!Number.isInteger(index) || index < 0 || index >= count) return undefined;
      const device = index % devices;
      const round = Math.floor(index / devices);
      return {
        id: `b${(index + 1).toString(16).toUpperCase()}`,
        dateTime: dateOf(round),
      device: { id: deviceIdAt(device) },
        // A grid over western Europe, each device drifting north-east a little per round.
        latitude: Math.round((44 + (device % 100) * 0.08 + round * 0.0004) * 1e6) / 1e6,
        longitude: Math.round((-1 + Math.floor(device / 100) * 0.08 + round * 0.0003) * 1e6) / 1e6,
        speed: (device * 13 + round * 7) % 111,
      };
    },
  };
};
