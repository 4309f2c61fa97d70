import { Module, type DynamicModule } from '@nestjs/common';
import {
  AppConfig,
  AuditModule,
  ConfigModule,
  DatabaseModule,
  LoggingModule,
  OutboxModule,
  PiiModule,
} from '@heqi/core';
import { CasesModule } from '@heqi/cases';
import { IdentityModule } from '@heqi/identity';
import { IntakeModule } from '@heqi/intake';
import { NetworkModule } from '@heqi/network';
import { ReportingModule } from '@heqi/reporting';
import { DemoSeeder } from './demo-seeder.service.js';

/** What loading the demo needs: the network, users, intake and the database; no HTTP, no queues. */
@Module({})
export class DemoModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DemoModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        OutboxModule,
        PiiModule,
        AuditModule,
        IdentityModule,
        NetworkModule,
        CasesModule,
        IntakeModule,
        ReportingModule,
      ],
      providers: [DemoSeeder],
    };
  }
}
