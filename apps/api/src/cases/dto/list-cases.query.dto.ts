import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { DisputeCategory } from '@heqi/core';
import { CaseOutcome, CaseStatus, type CaseFilter } from '@heqi/cases';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';
import { QueryBoolean } from '../../common/dto/field-decorators.js';

export class ListCasesQueryDto extends PageQueryDto implements CaseFilter {
  @ApiPropertyOptional({ enum: CaseStatus, enumName: 'CaseStatus' })
  @IsOptional()
  @IsEnum(CaseStatus)
  status?: CaseStatus;

  @ApiPropertyOptional({ enum: CaseOutcome, enumName: 'CaseOutcome' })
  @IsOptional()
  @IsEnum(CaseOutcome)
  outcome?: CaseOutcome;

  @ApiPropertyOptional({
    format: 'uuid',
    description: '只看该单位及其下级单位的案件；不在您管辖范围内的单位返回空列表',
  })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '承办调解员' })
  @IsOptional()
  @IsUUID()
  mediatorId?: string;

  @ApiPropertyOptional({ enum: DisputeCategory, enumName: 'DisputeCategory' })
  @IsOptional()
  @IsEnum(DisputeCategory)
  category?: DisputeCategory;

  @ApiPropertyOptional({ type: Boolean, description: '集体劳动争议' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  collective?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true：有已超时且未办结的期限；false：没有',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true：有已预警、尚未超时的期限（临期）；false：没有',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  atRisk?: boolean;

  @ApiPropertyOptional({ description: '案件编号、用人单位名称或标题包含', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ format: 'date-time', description: '受理时间不早于' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time', description: '受理时间早于' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}
