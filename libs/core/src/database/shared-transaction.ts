import type { DataSource, EntityManager } from 'typeorm';

/** An item of a shared transaction that failed on its own (the others were not affected). */
export interface IsolatedFailure {
  failed: unknown;
}

/** Deadlock detected, serialisation failure: the transaction may simply be run again. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Runs `work` on all `items` in one transaction — how the lanes that coalesce concurrent
 * requests (intake, the assignment engine) pay one transaction for many — and if it fails, on
 * each item in a transaction of its own, so that only a bad item fails. A transaction Postgres
 * broke to end a deadlock is run once more before anything is given up. `work` answers one
 * result per item, in order, and so does this; `onSplit` hears why a shared transaction failed
 * before its items are run one by one.
 */
export async function sharedTransaction<T, R>(
  dataSource: DataSource,
  items: readonly T[],
  work: (manager: EntityManager, items: readonly T[]) => Promise<R[]>,
  onSplit: (failed: unknown) => void,
): Promise<(R | IsolatedFailure)[]> {
  const transaction = async (some: readonly T[]): Promise<R[]> => {
    const run = () => dataSource.transaction((manager) => work(manager, some));
    try {
      return await run();
    } catch (err) {
      if (RETRYABLE.has((err as { code?: string } | null)?.code ?? '')) return run();
      throw err;
    }
  };
  try {
    return await transaction(items);
  } catch (failed) {
    if (items.length === 1) return [{ failed }];
    onSplit(failed);
  }
  const results: (R | IsolatedFailure)[] = [];
  for (const item of items) {
    try {
      results.push((await transaction([item]))[0]!);
    } catch (failed) {
      results.push({ failed });
    }
  }
  return results;
}
