import {
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Inject,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, Role } from '@heqi/core';
import {
  type RankingReport,
  ReportExportsService,
  type ReportFile,
  ReportsService,
  type SummaryReport,
  type TrendReport,
} from '@heqi/reporting';
import { contentDisposition } from '../common/http/content-disposition.js';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import {
  RankingQueryDto,
  RankingReportDto,
  SummaryQueryDto,
  SummaryReportDto,
  TrendQueryDto,
  TrendReportDto,
} from './dto/report.dto.js';

const FORBIDDEN = '不是督导或管理员，或单位不存在、不在管辖范围内';
const DEFINITIONS =
  '办结类数字（办结、各结果、金额、满意率、按时率、平均办结天数）按办结时间计入期间，受理数和重办数按受理时间计入；' +
  '案件计入当前承办单位；重办的案件在再次办结前不计入办结类数字。';

function download(res: Response, file: ReportFile): StreamableFile {
  res.setHeader('Content-Disposition', contentDisposition(file.filename, { fallback: 'report' }));
  return new StreamableFile(file.body, { type: file.contentType, length: file.body.length });
}

/** Supervisors' reports (contract: "Reports"): summary (JSON, CSV, XLSX), ranking, trend. */
@ApiTags('reports 报表')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    @Inject(ReportsService) private readonly reports: ReportsService,
    @Inject(ReportExportsService) private readonly exports: ReportExportsService,
  ) {}

  @Get('summary')
  @Roles(Role.Supervisor, Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '调处情况汇总：按下级单位、调解员、争议类别或月份分组，另有合计',
    description:
      `${DEFINITIONS} 按单位分组时每个下级单位一行（含其全部下级），本级直接办理的案件另列“（本级）”一行。` +
      '请求头 Accept: text/csv 时返回 CSV（UTF-8 带 BOM，比率为百分数）。',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SummaryReportDto })
  @ApiResponse({ status: 400, description: '日期格式有误、开始晚于结束、分组方式不在列表中' })
  @ApiResponse({ status: 403, description: FORBIDDEN })
  async summary(
    @CurrentActor() actor: Actor,
    @Query() query: SummaryQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SummaryReport | StreamableFile> {
    if (accept?.includes('text/csv')) {
      return download(res, await this.exports.summaryCsv(actor, query));
    }
    return this.reports.summary(actor, query);
  }

  @Get('summary.xlsx')
  @Roles(Role.Supervisor, Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '调处情况汇总（Excel 下载）',
    description: `与 /reports/summary 相同的数字，中文表头，末行合计。${DEFINITIONS}`,
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiResponse({ status: 200, description: 'xlsx 文件' })
  @ApiResponse({ status: 400, description: '参数有误' })
  @ApiResponse({ status: 403, description: FORBIDDEN })
  async summaryXlsx(
    @CurrentActor() actor: Actor,
    @Query() query: SummaryQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return download(res, await this.exports.summaryXlsx(actor, query));
  }

  @Get('ranking')
  @Roles(Role.Supervisor, Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '下级单位排名：按调处成功率、按时率、满意率或受理数',
    description: `并列者名次相同；无分母（比率为 null）的单位排在最后、名次为 null。${DEFINITIONS}`,
  })
  @ApiOkResponse({ type: RankingReportDto })
  @ApiResponse({ status: 400, description: '参数有误' })
  @ApiResponse({ status: 403, description: FORBIDDEN })
  ranking(@CurrentActor() actor: Actor, @Query() query: RankingQueryDto): Promise<RankingReport> {
    return this.reports.ranking(actor, query);
  }

  @Get('trend')
  @Roles(Role.Supervisor, Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '月度趋势：最近若干个月（含本月至今）每月一行',
    description: DEFINITIONS,
  })
  @ApiOkResponse({ type: TrendReportDto })
  @ApiResponse({ status: 400, description: '月数应为 1 到 60' })
  @ApiResponse({ status: 403, description: FORBIDDEN })
  trend(@CurrentActor() actor: Actor, @Query() query: TrendQueryDto): Promise<TrendReport> {
    return this.reports.trend(actor, query);
  }
}
