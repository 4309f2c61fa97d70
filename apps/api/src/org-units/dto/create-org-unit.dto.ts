import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsUnifiedSocialCreditCode } from '@heqi/core';
import { OrgUnitLevel } from '@heqi/network';
import { CreditCodeInput } from '../../common/dto/field-decorators.js';

export class CreateOrgUnitDto {
  @ApiProperty({ example: '西塘镇', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: OrgUnitLevel, enumName: 'OrgUnitLevel' })
  @IsEnum(OrgUnitLevel)
  level!: OrgUnitLevel;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      '上级单位：区/县不填；镇/街道在区/县下，村/社区在镇/街道下，企业在镇/街道或村/社区下',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ maxLength: 50, nullable: true, type: String, example: '321012' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  code?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: '91321012GTW2Y65Y1Q',
    description: '统一社会信用代码：仅企业可填，18 位，校验 GB 32100 校验位，不能重复',
  })
  @IsOptional()
  @CreditCodeInput()
  @IsString()
  @MaxLength(18)
  @IsUnifiedSocialCreditCode()
  creditCode?: string | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string | null;
}
