import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AppConfig } from '../config/index.js';
import { DEFAULT_JOB_OPTIONS } from './default-job-options.js';
import { redisOptions } from './redis-connection.js';

/** BullMQ root connection for the worker, with heqi's key prefix and default job options. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: redisOptions(config.redisUrl, 'worker'),
        prefix: config.redisPrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
