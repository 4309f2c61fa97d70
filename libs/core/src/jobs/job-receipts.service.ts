import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Exactly-once effects on top of at-least-once delivery. `runOnce` claims `key` and runs `work`
 * in one transaction: a second delivery finds the receipt and does nothing, and a failure rolls
 * back both the work and the claim so the retry starts clean.
 */
@Injectable()
export class JobReceipts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async runOnce<T>(
    jobName: string,
    key: string,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<{ ran: true; result: T } | { ran: false }> {
    return this.dataSource.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO job_receipt (job_key, job_name) VALUES ($1, $2)
         ON CONFLICT (job_key) DO NOTHING RETURNING job_key`,
        [`${jobName}:${key}`, jobName],
      );
      if (claimed.length === 0) return { ran: false as const };
      return { ran: true as const, result: await work(manager) };
    });
  }
}
