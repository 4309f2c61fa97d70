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
import { AssignmentModule } from '@heqi/assignment';
import { CaseDeadlinesGateway, CasesModule } from '@heqi/cases';
import { DeadlinesModule } from '@heqi/deadlines';
import { HotlineRepliesModule } from '@heqi/hotline';
import { MediationModule } from '@heqi/mediation';
import { ReportingModule } from '@heqi/reporting';
import { JobSchedules } from './job-schedules.service.js';
import { AssignmentProcessor } from './processors/assignment.processor.js';
import { DeadlinesProcessor } from './processors/deadlines.processor.js';
import { HotlineProcessor } from './processors/hotline.processor.js';
import { MediationProcessor, MediationSchedules } from './processors/mediation.processor.js';
import { NotificationsProcessor } from './processors/notifications.processor.js';
import { ReportingProcessor } from './processors/reporting.processor.js';
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
        AssignmentModule,
        HotlineRepliesModule,
        MediationModule,
        ReportingModule,
        DeadlinesModule.forRoot({ imports: [CasesModule], caseGateway: CaseDeadlinesGateway }),
      ],
      providers: [
        SystemProcessor,
        AssignmentProcessor,
        HotlineProcessor,
        DeadlinesProcessor,
        NotificationsProcessor,
        MediationProcessor,
        MediationSchedules,
        ReportingProcessor,
        JobSchedules,
      ],
    };
  }
}
