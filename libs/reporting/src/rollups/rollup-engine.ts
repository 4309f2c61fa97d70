import {
  ALL_ROLLUP_ROWS,
  APPLY_CASES,
  CLAIM_DIRTY,
  DELETE_EMPTY,
  type Exec,
  FORGET_MARKS,
  LOCK_CASES,
  LOCK_FOR_DRAIN,
  REBUILD_DEPTH,
  REBUILD_FINISH,
  REBUILD_LEVEL,
  REBUILD_START,
} from './rollup-sql.js';

/** Runs `work` in one database transaction, committing when it resolves. */
export type InTransaction = <T>(work: (exec: Exec) => Promise<T>) => Promise<T>;

export interface DrainResult {
  /** Dirty cases folded in. */
  cases: number;
  /** Transactions (batches) used. */
  batches: number;
  /** Rollup rows removed because every figure became zero. */
  emptied: number;
}

export interface RebuildResult {
  facts: number;
  dayRows: number;
  monthRows: number;
  yearRows: number;
  /** Dirty marks made obsolete by the rebuild. */
  cleared: number;
}

/** Cases folded into the rollups per transaction. */
export const DRAIN_BATCH = 500;

/**
 * Keeps the report rollups: the incremental drain of dirty cases and the full rebuild. Driver
 * agnostic (the worker passes TypeORM transactions, the command line and the benchmark pg ones).
 */
export class RollupEngine {
  constructor(private readonly inTransaction: InTransaction) {}

  /**
   * Folds dirty cases into the rollups, batch after batch, until none is left (or `maxBatches`).
   * Each batch is one transaction: claim the marks, recompute the facts, apply the deltas,
   * forget the marks.
   */
  async drain(options: { batch?: number; maxBatches?: number } = {}): Promise<DrainResult> {
    const batch = options.batch ?? DRAIN_BATCH;
    const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
    const result: DrainResult = { cases: 0, batches: 0, emptied: 0 };
    while (result.batches < maxBatches) {
      const done = await this.inTransaction(async (exec) => {
        await exec(LOCK_FOR_DRAIN);
        const marks = await exec(CLAIM_DIRTY, [batch]);
        if (marks.length === 0) return null;
        const ids = [...new Set(marks.map((m) => m.case_id as string))].sort();
        await exec(LOCK_CASES, [ids]);
        const rows = await exec(APPLY_CASES, [ids]);
        const empty = rows.filter((r) => r.unit_id !== null);
        let emptied = 0;
        if (empty.length > 0) {
          const [deleted] = await exec(DELETE_EMPTY, [
            empty.map((r) => r.unit_id),
            empty.map((r) => r.dim),
            empty.map((r) => r.grain),
            empty.map((r) => r.period),
            empty.map((r) => r.dim_key),
          ]);
          emptied = Number(deleted?.deleted ?? 0);
        }
        await exec(FORGET_MARKS, [marks.map((m) => m.seq)]);
        return { cases: ids.length, marks: marks.length, emptied };
      });
      if (done === null) break;
      result.cases += done.cases;
      result.emptied += done.emptied;
      result.batches += 1;
      if (done.marks < batch) break;
    }
    return result;
  }

  /**
   * Rebuilds every fact and rollup row from the cases, in one transaction: the facts, each unit's
   * own day rows, the units' day rows level by level from the deepest up, then months and years.
   */
  rebuild(): Promise<RebuildResult> {
    return this.inTransaction(async (exec) => {
      const out: Record<string, number> = {};
      const run = async (sql: string, params?: unknown[]) => {
        const [row] = await exec(sql, params);
        for (const [k, v] of Object.entries(row ?? {})) {
          if (typeof v === 'number') out[k] = (out[k] ?? 0) + v;
        }
      };
      for (const sql of REBUILD_START) await run(sql);
      const [deepest] = await exec(REBUILD_DEPTH);
      for (let depth = Number(deepest?.depth ?? 0); depth >= 1; depth--) {
        await run(REBUILD_LEVEL, [depth]);
      }
      for (const sql of REBUILD_FINISH) await run(sql);
      return {
        facts: out.facts ?? 0,
        dayRows: out.day_rows ?? 0,
        monthRows: out.month_rows ?? 0,
        yearRows: out.year_rows ?? 0,
        cleared: out.cleared ?? 0,
      };
    });
  }

  /** Every rollup row, in key order (for the rebuild = incremental check). */
  snapshot(): Promise<Record<string, unknown>[]> {
    return this.inTransaction((exec) => exec(ALL_ROLLUP_ROWS));
  }
}

/** Something that lends pg clients (a `pg.Pool`). */
export interface PgPoolLike {
  connect(): Promise<{
    query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
    release(): void;
  }>;
}

/** An {@link InTransaction} over a pg pool (scripts, the benchmark). */
export function pgInTransaction(pool: PgPoolLike): InTransaction {
  return async (work) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const out = await work(async (sql, params) => (await client.query(sql, params)).rows);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };
}
