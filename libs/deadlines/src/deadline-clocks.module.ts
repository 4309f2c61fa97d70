import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '@heqi/core';
import { DeadlineSettings } from './clocks/deadline-settings.service.js';
import { DeadlinesService } from './clocks/deadlines.service.js';
import { DEADLINE_ENTITIES } from './entities/index.js';

/**
 * The clock engine other contexts call inside their transactions (start, pause, resume, stop),
 * with the calendar and policies it computes from. Depends on nothing but core, so the cases
 * and assignment contexts can import it without a cycle.
 */
@Module({
  imports: [OutboxModule, TypeOrmModule.forFeature(DEADLINE_ENTITIES)],
  providers: [DeadlineSettings, DeadlinesService],
  exports: [DeadlineSettings, DeadlinesService],
})
export class DeadlineClocksModule {}
