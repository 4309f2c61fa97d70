import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import {
  AppConfig,
  ConfigModule,
  DatabaseModule,
  JobHandlerCheckModule,
  LoggingModule,
  OutboxRelayModule,
  ProbeModule,
  QueueModule,
  QueueName,
} from '@heqi/core';
import { CasesModule } from '@heqi/cases';
import { HotlineRepliesModule } from '@heqi/hotline';
import { JobSchedules } from './job-schedules.service.js';
import { AssignmentProcessor } from './processors/assignment.processor.js';
import { HotlineProcessor } from './processors/hotline.processor.js';
import { SystemProcessor } from './processors/system.processor.js';

/** The worker: relays the outbox and runs every queue's jobs. No HTTP server. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        QueueModule,
        BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
        OutboxRelayModule,
        JobHandlerCheckModule,
        ProbeModule,
        CasesModule,
        HotlineRepliesModule,
      ],
      providers: [SystemProcessor, AssignmentProcessor, HotlineProcessor, JobSchedules],
    };
  }
}
