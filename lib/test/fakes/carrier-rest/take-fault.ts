// Faults are queued by the test and consumed by the requests they match, in
// order, so "the next request gets a 429, the one after succeeds" is one line.
import type { TFakeFault } from "./types";

/** Removes one use of the first queued fault that matches `path` and returns it. */
export const takeFault = ({ queue, path, isTokenEndpoint }: { queue: TFakeFault[]; path: string; isTokenEndpoint: boolean }): TFakeFault | null => {
  const index = queue.findIndex((fault) => (fault.path === undefined ? !isTokenEndpoint : fault.path === path));
  if (index < 0) return null;
  const fault = queue[index]!;
  const left = (fault.times ?? 1) - 1;
  if (left <= 0) queue.splice(index, 1);
  else queue[index] = { ...fault, times: left };
  return fault;
};
