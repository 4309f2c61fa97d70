import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { ClockKind, type DeadlineCounts, type DeadlineReport } from '@heqi/deadlines';

export class DeadlineReportQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: '统计该单位及其下级单位的案件；缺省为本人所在单位（全辖管理员为全部）',
  })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

export class DeadlineCountsDto implements DeadlineCounts {
  @ApiProperty({ description: '进行中（未到预警点）' }) running!: number;
  @ApiProperty({ description: '已预警、未到期' }) warned!: number;
  @ApiProperty({ description: '已超时、尚未办结' }) breached!: number;
  @ApiProperty({ description: '已暂停' }) paused!: number;
  @ApiProperty({ description: '未结束的期限合计（以上四项之和）' }) open!: number;
}

export class DeadlineReportRowDto extends DeadlineCountsDto {
  @ApiProperty({ enum: ClockKind, enumName: 'ClockKind' }) kind!: ClockKind;
}

export class DeadlineReportDto implements DeadlineReport {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) orgUnitId!: string | null;
  @ApiProperty({ type: [DeadlineReportRowDto], description: '每种期限一行（含全为 0 的行）' })
  rows!: DeadlineReportRowDto[];
  @ApiProperty({ type: DeadlineCountsDto, description: '各种期限合计' }) total!: DeadlineCountsDto;
  @ApiProperty({ format: 'date-time' }) generatedAt!: Date;
}
