import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { JobReceipts } from '../jobs/index.js';
import { OutboxService } from '../outbox/index.js';
import { JobName } from '../queue/index.js';
import { PipelineProbe } from './pipeline-probe.entity.js';

/**
 * Sends a probe through API → outbox → Redis → worker → Postgres. Operators use it to see that
 * work flows; tests use it to prove that a write survives Redis being away.
 */
@Injectable()
export class PipelineProbes {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly receipts: JobReceipts,
  ) {}

  /** Records a probe and its job in one transaction. Never touches Redis. */
  async start(): Promise<PipelineProbe> {
    return this.dataSource.transaction(async (manager) => {
      const probe = await manager.save(manager.create(PipelineProbe, {}));
      await this.outbox.enqueue(manager, JobName.PipelineProbe, { probeId: probe.id });
      return probe;
    });
  }

  find(id: string): Promise<PipelineProbe | null> {
    return this.dataSource.getRepository(PipelineProbe).findOneBy({ id });
  }

  /** The worker's side: completes the probe once, however often the job is delivered. */
  async complete(probeId: string): Promise<boolean> {
    const outcome = await this.receipts.runOnce(JobName.PipelineProbe, probeId, (manager) =>
      manager.query(
        `UPDATE pipeline_probe SET completed_at = now(), runs = runs + 1 WHERE id = $1`,
        [probeId],
      ),
    );
    return outcome.ran;
  }
}
