/**
 * Takes up to `max` items from per-key FIFO lists, one from each key in turn, and rotates the
 * keys so the next call starts after the last key served; emptied keys are removed. With one
 * key holding thousands of items and another holding one, the other's item is in the next take.
 */
export const takeRoundRobin = <T>({ byKey, max }: { byKey: Map<string, T[]>; max: number }): T[] => {
  const taken: T[] = [];
  while (taken.length < max && byKey.size > 0) {
    for (const [key, items] of [...byKey]) {
      if (taken.length >= max) break;
      taken.push(items.shift()!);
      // Re-inserting moves the key to the end of the Map's order: the next take starts with the others.
      byKey.delete(key);
      if (items.length > 0) byKey.set(key, items);
    }
  }
  return taken;
};
