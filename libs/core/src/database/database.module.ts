import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/index.js';
import { dataSourceOptions } from './data-source-options.js';

/**
 * The Postgres connection. Entities are registered by each context with
 * `TypeOrmModule.forFeature` and picked up automatically.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        autoLoadEntities: true,
        // Keep retrying at boot while Postgres starts (npm start, compose), then give up loudly.
        retryAttempts: 30,
        retryDelay: 1_000,
      }),
    }),
  ],
})
export class DatabaseModule {}
