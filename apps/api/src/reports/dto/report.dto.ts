import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import {
  MAX_TREND_MONTHS,
  RankingMetric,
  type RankingReport,
  type RankingRow,
  ReportGroupBy,
  type SummaryFigures,
  type SummaryReport,
  type SummaryRow,
  type TrendReport,
} from '@heqi/reporting';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class ReportScopeQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: '统计该单位及其下级单位；缺省为本人所在单位（全辖管理员为全部）',
  })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

export class ReportPeriodQueryDto extends ReportScopeQueryDto {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: '开始日期（含，北京时间）；缺省为本年 1 月 1 日',
  })
  @IsOptional()
  @Matches(DAY, { message: '应为 YYYY-MM-DD 格式的日期' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: '结束日期（含）；缺省为今天' })
  @IsOptional()
  @Matches(DAY, { message: '应为 YYYY-MM-DD 格式的日期' })
  to?: string;
}

export class SummaryQueryDto extends ReportPeriodQueryDto {
  @ApiPropertyOptional({ enum: ReportGroupBy, enumName: 'ReportGroupBy', default: 'org_unit' })
  @IsOptional()
  @IsEnum(ReportGroupBy)
  groupBy?: ReportGroupBy;
}

export class RankingQueryDto extends ReportPeriodQueryDto {
  @ApiPropertyOptional({
    enum: RankingMetric,
    enumName: 'RankingMetric',
    default: 'settlementRate',
  })
  @IsOptional()
  @IsEnum(RankingMetric)
  metric?: RankingMetric;
}

export class TrendQueryDto extends ReportScopeQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TREND_MONTHS, default: 12 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TREND_MONTHS)
  months?: number;
}

export class SummaryFiguresDto implements SummaryFigures {
  @ApiProperty({ description: '期间内受理（按受理时间）' }) received!: number;
  @ApiProperty({ description: '期间内办结（按办结时间），不论结果' }) closed!: number;
  @ApiProperty({ description: '调解成功' }) settled!: number;
  @ApiProperty({ description: '调解不成功' }) failed!: number;
  @ApiProperty({ description: '转仲裁、诉讼或劳动监察' }) referred!: number;
  @ApiProperty({ description: '撤回' }) withdrawn!: number;
  @ApiProperty({ description: '不予受理' }) rejected!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '调处成功率 = 成功 / (成功 + 不成功 + 转出)，4 位小数；分母为 0 时为 null',
  })
  settlementRate!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '按时率 = 按时期限数 / 应按时期限数；无期限时为 null',
  })
  onTimeRate!: number | null;
  @ApiProperty({ example: '30000.00', description: '涉及金额（元，期间内办结的案件）' })
  amountClaimed!: string;
  @ApiProperty({ example: '25000.00', description: '协议金额（元）' }) amountAgreed!: string;
  @ApiProperty({ example: '20000.00', description: '实际履行金额（元）' }) amountPaid!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '满意率 = (满意 + 基本满意) / 回访数；无回访时为 null',
  })
  satisfactionRate!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '平均办结天数（受理至办结的自然日，1 位小数）',
  })
  avgDaysToClose!: number | null;
  @ApiProperty({ description: '期间内受理、曾被重办的案件数' }) reopened!: number;
  @ApiProperty({ description: '回访数（期间内办结案件收到的回访）' }) feedback!: number;
  @ApiProperty({ description: '其中满意或基本满意' }) satisfied!: number;
  @ApiProperty({ description: '应按时期限数（已按时完成或已超时）' }) clocksDue!: number;
  @ApiProperty({ description: '按时完成的期限数' }) clocksMet!: number;
}

export class SummaryRowDto extends SummaryFiguresDto implements SummaryRow {
  @ApiProperty({ description: '单位 id、调解员 id（未分配为空串）、类别代码或 YYYY-MM' })
  key!: string;
  @ApiProperty({ description: '中文名称：单位名、调解员姓名、类别名称或月份' }) label!: string;
  @ApiPropertyOptional({
    enum: ['subtree', 'self'],
    description: '仅按单位分组：subtree 为下级单位（含其全部下级），self 为本级直接办理',
  })
  scope?: 'subtree' | 'self';
}

export class SummaryReportDto implements SummaryReport {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) orgUnitId!: string | null;
  @ApiProperty() orgUnitName!: string;
  @ApiProperty({ example: '2026-01-01' }) from!: string;
  @ApiProperty({ example: '2026-12-31' }) to!: string;
  @ApiProperty({ enum: ReportGroupBy, enumName: 'ReportGroupBy' }) groupBy!: ReportGroupBy;
  @ApiProperty({ type: [SummaryRowDto] }) rows!: SummaryRowDto[];
  @ApiProperty({ type: SummaryFiguresDto }) total!: SummaryFiguresDto;
}

export class RankingRowDto extends SummaryRowDto implements RankingRow {
  @ApiProperty({ type: Number, nullable: true, description: '名次（并列同名次；无值者排最后）' })
  rank!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '排名指标的值' })
  value!: number | null;
}

export class RankingReportDto implements RankingReport {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) orgUnitId!: string | null;
  @ApiProperty() orgUnitName!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ enum: RankingMetric, enumName: 'RankingMetric' }) metric!: RankingMetric;
  @ApiProperty({ type: [RankingRowDto] }) rows!: RankingRowDto[];
}

export class TrendReportDto implements TrendReport {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) orgUnitId!: string | null;
  @ApiProperty() orgUnitName!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [SummaryRowDto], description: '每月一行（含全为 0 的月份）' })
  rows!: SummaryRowDto[];
}
