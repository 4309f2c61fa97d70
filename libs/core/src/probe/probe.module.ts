import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobReceiptsModule } from '../jobs/index.js';
import { OutboxModule } from '../outbox/index.js';
import { PipelineProbe } from './pipeline-probe.entity.js';
import { PipelineProbes } from './pipeline-probes.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([PipelineProbe]), OutboxModule, JobReceiptsModule],
  providers: [PipelineProbes],
  exports: [PipelineProbes],
})
export class ProbeModule {}
