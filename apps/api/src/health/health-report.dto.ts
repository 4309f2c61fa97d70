import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class OutboxBacklogDto {
  @ApiProperty({ description: '已提交、尚未交给 Redis 的任务数' })
  pending!: number;

  @ApiProperty({ nullable: true, type: Number, description: '最早一条待转发任务的等待秒数' })
  oldestPendingSeconds!: number | null;
}

export class HealthReportDto {
  @ApiProperty({ enum: ['ok', 'error'] })
  status!: 'ok' | 'error';

  @ApiProperty({ enum: ['up', 'down'] })
  postgres!: 'up' | 'down';

  @ApiProperty({ enum: ['up', 'down'] })
  redis!: 'up' | 'down';

  @ApiPropertyOptional({ type: OutboxBacklogDto })
  outbox?: OutboxBacklogDto;
}
