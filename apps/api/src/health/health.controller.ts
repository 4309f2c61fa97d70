import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthService, type HealthReport } from '@heqi/core';
import { Public } from '../common/auth/auth.decorators.js';
import { HealthReportDto } from './health-report.dto.js';

@ApiTags('health 健康检查')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Postgres 与 Redis 是否可用（任一不可用时返回 503）' })
  @ApiResponse({ status: 200, type: HealthReportDto })
  @ApiResponse({ status: 503, type: HealthReportDto })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await this.health.check();
    res.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
