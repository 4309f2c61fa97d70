import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SqlStatement } from '../database/statement.js';
import { JOB_QUEUE, type JobName, type JobPayloads } from '../queue/index.js';

export interface EnqueueOptions {
  /** Do not run before this time. */
  runAt?: Date;
  /**
   * Collapse jobs with the same id while one is still known to BullMQ. Only for jobs where "one
   * pending run is enough" (e.g. a periodic recount); most writers should leave it unset.
   */
  jobId?: string;
}

/** Writes jobs into the outbox inside the caller's transaction. */
@Injectable()
export class OutboxService {
  /**
   * Records that `name` must run once the caller's transaction commits. Pass the transaction's
   * `EntityManager`: a job written outside it could run for a change that was rolled back.
   */
  async enqueue<N extends JobName>(
    manager: EntityManager,
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<void> {
    await manager.query(
      `INSERT INTO outbox_message (queue_name, job_name, payload, job_id, run_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [
        JOB_QUEUE[name],
        name,
        JSON.stringify(payload),
        options.jobId ?? null,
        options.runAt ?? null,
      ],
    );
  }

  /**
   * {@link enqueue} for many jobs of one name in one statement, e.g. the delayed job of every
   * clock a case starts with, or a sweep's notifications: one round trip however many.
   */
  async enqueueMany<N extends JobName>(
    manager: EntityManager,
    name: N,
    jobs: readonly ({ payload: JobPayloads[N] } & { runAt?: Date | null; jobId?: string | null })[],
  ): Promise<void> {
    const statement = this.enqueueStatement(name, jobs);
    if (statement) await manager.query(statement.sql, statement.params);
  }

  /**
   * The statement {@link enqueueMany} runs, for a caller that runs it beside its own writes
   * (`withWrites`: the jobs still commit with them); null when there are no jobs.
   */
  enqueueStatement<N extends JobName>(
    name: N,
    jobs: readonly ({ payload: JobPayloads[N] } & { runAt?: Date | null; jobId?: string | null })[],
  ): SqlStatement | null {
    if (jobs.length === 0) return null;
    return {
      sql: `INSERT INTO outbox_message (queue_name, job_name, payload, job_id, run_at)
            SELECT $1, $2, j.payload, j.job_id, j.run_at
              FROM unnest($3::jsonb[], $4::text[], $5::timestamptz[]) AS j(payload, job_id, run_at)`,
      params: [
        JOB_QUEUE[name],
        name,
        jobs.map((j) => JSON.stringify(j.payload)),
        jobs.map((j) => j.jobId ?? null),
        jobs.map((j) => j.runAt ?? null),
      ],
    };
  }
}
