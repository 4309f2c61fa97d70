import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type DrainResult, type RebuildResult, RollupEngine } from './rollup-engine.js';
import type { Exec } from './rollup-sql.js';

/** The report rollups for Nest callers (the worker's drain job, tests). */
@Injectable()
export class RollupsService {
  private readonly engine: RollupEngine;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.engine = new RollupEngine((work) =>
      dataSource.transaction((manager) => {
        const exec: Exec = (sql, params) => manager.query(sql, params);
        return work(exec);
      }),
    );
  }

  /** Folds every dirty case into the rollups (idempotent: nothing dirty, nothing done). */
  drain(options?: { batch?: number; maxBatches?: number }): Promise<DrainResult> {
    return this.engine.drain(options);
  }

  /** Rebuilds facts and rollups from the cases table. */
  rebuild(): Promise<RebuildResult> {
    return this.engine.rebuild();
  }

  /** Every rollup row in key order. */
  snapshot(): Promise<Record<string, unknown>[]> {
    return this.engine.snapshot();
  }
}
