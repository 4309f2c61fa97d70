import { Controller, Get, HttpCode, HttpStatus, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Role } from '@heqi/core';
import { type DeadlineReport, DeadlineReportsService } from '@heqi/deadlines';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import { DeadlineReportDto, DeadlineReportQueryDto } from './dto/deadline-report.dto.js';

/** The deadlines report (contract: `GET /reports/deadlines`). */
@ApiTags('reports 报表')
@ApiBearerAuth()
@Controller('reports')
export class DeadlineReportsController {
  constructor(@Inject(DeadlineReportsService) private readonly reports: DeadlineReportsService) {}

  @Get('deadlines')
  @Roles(Role.Supervisor, Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      '未结束期限统计：单位及其下级单位当前案件的期限，按种类分行、按状态（进行中、已预警、已超时、已暂停）计数',
    description:
      '`{ orgUnitId, rows: [{ kind, running, warned, breached, paused, open }], total: { running, warned, breached, paused, open }, generatedAt }`。' +
      '已超时的期限在办结前一直计入 breached；已按时完成或已结束的期限不计入。',
  })
  @ApiOkResponse({ type: DeadlineReportDto })
  @ApiResponse({ status: 403, description: '不是督导或管理员，或单位不存在、不在管辖范围内' })
  deadlines(
    @CurrentActor() actor: Actor,
    @Query() query: DeadlineReportQueryDto,
  ): Promise<DeadlineReport> {
    return this.reports.openClocks(actor, query.orgUnitId);
  }
}
