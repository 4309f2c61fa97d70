import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsUnifiedSocialCreditCode } from '@heqi/core';
import type { CreateEngagementInput, LawFirmEngagement } from '@heqi/assignment';
import { CreditCodeInput, QueryBoolean } from '../../common/dto/field-decorators.js';
import { PageQueryDto } from '../../common/dto/page-query.dto.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateLawFirmEngagementDto implements CreateEngagementInput {
  @ApiProperty({ maxLength: 200, example: '金诚律师事务所' })
  @IsString()
  @Length(1, 200)
  lawFirm!: string;

  @ApiProperty({ maxLength: 200, example: '扬州瑞丰五金制造有限公司' })
  @IsString()
  @Length(1, 200)
  employerName!: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: '91321012GTW2Y65Y1Q' })
  @IsOptional()
  @CreditCodeInput()
  @IsString()
  @MaxLength(18)
  @IsUnifiedSocialCreditCode()
  employerCreditCode?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2026-01-01',
    description: '默认今天',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  @Matches(DATE_ONLY, { message: '必须是 YYYY-MM-DD 日期' })
  @IsISO8601({ strict: true }, { message: '必须是有效日期' })
  since?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, description: '不填：长期' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  @Matches(DATE_ONLY, { message: '必须是 YYYY-MM-DD 日期' })
  @IsISO8601({ strict: true }, { message: '必须是有效日期' })
  until?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: '记录归属单位（默认本人所在单位）；其督导可查看和删除',
  })
  @IsOptional()
  @IsUUID('all', { message: '必须是 UUID' })
  orgUnitId?: string | null;
}

export class ListLawFirmEngagementsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: '律所名称包含' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  lawFirm?: string;

  @ApiPropertyOptional({ maxLength: 200, description: '用人单位名称包含，或统一社会信用代码' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ type: Boolean, description: '只看今天有效的' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  current?: boolean;
}

export class LawFirmEngagementDto implements LawFirmEngagement {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() lawFirm!: string;
  @ApiProperty() employerName!: string;
  @ApiProperty({ nullable: true, type: String }) employerCreditCode!: string | null;
  @ApiProperty({ format: 'date' }) since!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) until!: string | null;
  @ApiProperty({ description: '今天是否有效' }) current!: boolean;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) orgUnitId!: string | null;
  @ApiProperty({ nullable: true, type: String }) orgUnitName!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class LawFirmEngagementPageDto {
  @ApiProperty({ type: [LawFirmEngagementDto] }) items!: LawFirmEngagementDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
