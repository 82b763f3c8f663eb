// Retention deletes in bounded statements, each its own transaction, so no
// purge holds locks (or bloats one transaction) for long, however much is due.

export type TBatching = { batchSize: number; maxBatches: number };

// 5,000 rows per statement; at most a million per rule and run (the next run goes on).
export const DEFAULT_BATCHING: TBatching = { batchSize: 5_000, maxBatches: 200 };

/** Runs `statement` (which affects at most `limit` rows) until a batch comes back short; returns the rows affected. */
export const repeatInBatches = async ({ batching, statement }: { batching: TBatching; statement: (limit: number) => Promise<number> }): Promise<number> => {
  let total = 0;
  for (let batch = 0; batch < batching.maxBatches; batch++) {
    const affected = await statement(batching.batchSize);
    total += affected;
    if (affected < batching.batchSize) break;
  }
  return total;
};
