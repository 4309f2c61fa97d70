import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import {
  AppConfig,
  ConfigModule,
  DatabaseModule,
  HealthModule,
  LoggingModule,
  OutboxModule,
  ProbeModule,
} from '@heqi/core';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import { createValidationPipe } from './common/validation.pipe.js';
import { HealthController } from './health/health.controller.js';

/** The HTTP API. Controllers are thin: one call into a lib per route. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        HealthModule,
        OutboxModule,
        ProbeModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
